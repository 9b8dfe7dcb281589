import type { CallEntry } from './call-history';
import { listOfNames } from './name-list';

/** A call as the timeline shows it: one compact line. */
export interface CallView {
  /** The event that started the call. */
  id: string;
  ts: number;
  kind: 'ended' | 'ongoing' | 'missed' | 'declined';
  /** The whole line, e.g. "Ada started a call · Ada and Bo joined · 12 minutes". */
  text: string;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** How long a call lasted: "12 seconds", "1 minute", "2 hours 5 minutes" (rounded down). */
export function callDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

/**
 * The line for one call, as `me` sees it: who started it, who joined and how long it lasted (or
 * who is in it now), or, for a ring nobody answered, "Missed call from Ada" / "Bo didn't
 * answer", and for a declined one "Bo declined the call".
 */
export function describeCall(
  call: CallEntry,
  me: string,
  nameOf: (userId: string) => string,
  /** The room's other members: a ring to the whole room (as the SDK sends) in a DM rang them. */
  others: readonly string[] = [],
): CallView {
  const base = { id: call.id, ts: call.startTs };
  const ring = call.ring;
  if (ring?.outcome === 'declined') {
    const who = ring.declinedBy.includes(me)
      ? `You declined the call from ${nameOf(ring.caller)}`
      : `${listOfNames(ring.declinedBy.map(nameOf))} declined the call`;
    return { ...base, kind: 'declined', text: who };
  }
  if (ring?.outcome === 'missed') {
    const rung = ring.callees.length > 0 ? ring.callees : others.length === 1 ? others : [];
    const text =
      me !== ring.caller
        ? `Missed call from ${nameOf(ring.caller)}`
        : rung.length > 0
          ? `${listOfNames(rung.map(nameOf))} didn't answer`
          : 'No one answered your call';
    return { ...base, kind: 'missed', text };
  }
  const started = `${nameOf(call.starter)} started a call`;
  if (call.status.kind === 'ongoing') {
    const present = call.status.present.map(nameOf);
    const who = present.length > 0 ? ` · ${listOfNames(present)} in the call` : '';
    return { ...base, kind: 'ongoing', text: `${started} · Call ongoing${who}` };
  }
  const joined = `${listOfNames(call.joined.map(nameOf))} joined`;
  const lasted = callDuration(call.status.endTs - call.startTs);
  return { ...base, kind: 'ended', text: `${started} · ${joined} · ${lasted}` };
}
