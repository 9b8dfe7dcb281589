import { EventTypes } from './event-types';

/** The parts of a timeline event call history reads (narrow, so tests can write them by hand). */
export interface CallEventLike {
  id: string;
  type: string;
  sender: string;
  /** Set on state events (a call membership's is `_{userId}_{deviceId}_m.call`). */
  stateKey: string | undefined;
  ts: number;
  content: Record<string, unknown>;
  /** What a state event replaced (`unsigned.prev_content`), when the server says. */
  prevContent?: Record<string, unknown>;
}

/** How a ring ended: someone else joined, everyone asked declined, or it rang out. */
export type RingOutcome = 'answered' | 'declined' | 'missed' | 'ringing';

/** One call in a room, from its first membership to its last. */
export interface CallEntry {
  /** The event that started the call (its first membership). */
  id: string;
  startTs: number;
  /** Who started it. */
  starter: string;
  /** Everyone who joined, in join order, once each. */
  joined: string[];
  status: { kind: 'ongoing'; present: string[] } | { kind: 'ended'; endTs: number };
  /** The first ring of the call (MSC4075), when the caller rang someone. */
  ring:
    { caller: string; callees: string[]; outcome: RingOutcome; declinedBy: string[] } | undefined;
}

/** Memberships without `expires` last this long (the SDK's default, 4 hours). */
export const DEFAULT_MEMBERSHIP_MS = 4 * 60 * 60 * 1000;
/** A ring without a usable `lifetime` rings this long; MSC4075 caps it at 90 seconds. */
const DEFAULT_RING_MS = 30_000;
const MAX_RING_MS = 90_000;

interface Active {
  userId: string;
  expiresAt: number;
}

interface Building {
  id: string;
  startTs: number;
  starter: string;
  joins: { userId: string; ts: number }[];
  memberEvents: Set<string>;
  endTs: number | undefined;
}

interface Ring {
  id: string;
  caller: string;
  callees: string[];
  ts: number;
  lifetime: number;
  membershipId: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A live membership (who and until when), or undefined for a leave or content not understood. */
function membershipOf(
  event: Pick<CallEventLike, 'sender' | 'ts'>,
  c: Record<string, unknown>,
): Active | undefined {
  if (c.application !== 'm.call' || typeof c.device_id !== 'string' || !c.device_id) return;
  const created = typeof c.created_ts === 'number' ? c.created_ts : event.ts;
  const expires =
    typeof c.expires === 'number' && c.expires > 0 ? c.expires : DEFAULT_MEMBERSHIP_MS;
  return { userId: event.sender, expiresAt: created + expires };
}

/**
 * A call starting at `event`. Calls that began before the loaded history are built too, but not
 * listed: they are followed so that their later events are not read as a new call.
 */
function newCall(event: CallEventLike, starter: string): Building {
  return {
    id: event.id,
    startTs: event.ts,
    starter,
    joins: [],
    memberEvents: new Set(),
    endTs: undefined,
  };
}

function referenceOf(content: Record<string, unknown>): string | undefined {
  const rel = content['m.relates_to'];
  if (!isRecord(rel) || rel.rel_type !== 'm.reference') return undefined;
  return typeof rel.event_id === 'string' ? rel.event_id : undefined;
}

function ringOf(event: CallEventLike): Ring | undefined {
  const c = event.content;
  if (c.notification_type !== 'ring') return undefined;
  const lifetime =
    typeof c.lifetime === 'number' && c.lifetime > 0
      ? Math.min(c.lifetime, MAX_RING_MS)
      : DEFAULT_RING_MS;
  const mentions = isRecord(c['m.mentions']) ? c['m.mentions'].user_ids : undefined;
  const callees = Array.isArray(mentions)
    ? mentions.filter((u): u is string => typeof u === 'string' && u !== event.sender)
    : [];
  return {
    id: event.id,
    caller: event.sender,
    callees,
    ts: event.ts,
    lifetime,
    membershipId: referenceOf(c),
  };
}

/**
 * The calls of a room, oldest first, derived from its loaded timeline: a call starts when a
 * call membership (`org.matrix.msc3401.call.member`, one state key per device) appears while no
 * one is in the call, gathers everyone who joins, and ends when the last membership is emptied
 * or expires. A call already going on before the loaded history (`initial`, the call membership
 * state at its start) is left out until older history is loaded. Rings (MSC4075) and declines
 * (MSC4310) attach to their call and tell whether it was answered, declined or missed.
 *
 * @param events the loaded timeline, oldest first
 * @param initial the call membership state events in force before the first of `events`
 * @param now the time at which memberships still in force count as "in the call"
 */
export function callHistory(
  events: readonly CallEventLike[],
  initial: readonly CallEventLike[],
  now: number,
): CallEntry[] {
  const active = new Map<string, Active>();
  const calls: Building[] = [];
  let current: Building | undefined;
  const rings: Ring[] = [];
  const declines: { ringId: string; userId: string }[] = [];

  const expireBefore = (ts: number) => {
    if (!current) return;
    let lastEnd = 0;
    for (const [key, m] of active) {
      if (m.expiresAt > ts) continue;
      active.delete(key);
      lastEnd = Math.max(lastEnd, m.expiresAt);
    }
    if (active.size === 0) {
      current.endTs = lastEnd;
      current = undefined;
    }
  };

  const firstTs = events[0]?.ts ?? now;
  // The SDK's state at the start of a timeline can already hold later events (seen with a
  // timeline that starts at the room's creation): those are not from before the loaded history.
  const loaded = new Set(events.map((e) => e.id));
  for (const event of initial) {
    const m = event.type === EventTypes.CallMember && membershipOf(event, event.content);
    if (!m || event.stateKey === undefined || m.expiresAt <= firstTs) continue;
    if (loaded.has(event.id) || event.ts >= firstTs) continue;
    active.set(event.stateKey, m);
    current ??= newCall(event, m.userId);
  }

  for (const event of events) {
    expireBefore(event.ts);
    if (event.type === EventTypes.RtcNotification) {
      const ring = ringOf(event);
      if (ring) rings.push(ring);
      continue;
    }
    if (event.type === EventTypes.RtcDecline) {
      const ringId = referenceOf(event.content);
      if (ringId) declines.push({ ringId, userId: event.sender });
      continue;
    }
    if (event.type !== EventTypes.CallMember || event.stateKey === undefined) continue;
    const joining = membershipOf(event, event.content);
    if (!joining) {
      if (!active.delete(event.stateKey) || active.size > 0 || !current) continue;
      current.endTs = event.ts;
      current = undefined;
      continue;
    }
    if (!active.has(event.stateKey)) {
      // A renewal of a membership from before the loaded history: that call began earlier. The
      // SDK marks renewals by keeping the first join's `created_ts`; a fresh join has none (its
      // previous content may be a membership that lapsed without a leave, after a crash).
      const before = event.prevContent && membershipOf(event, event.prevContent);
      const created = event.content.created_ts;
      const renewal = typeof created === 'number' && created < event.ts;
      if (before && renewal && joining.expiresAt > event.ts) {
        current ??= newCall(event, joining.userId);
        active.set(event.stateKey, joining);
        continue;
      }
    }
    if (!current) {
      current = newCall(event, joining.userId);
      calls.push(current);
    }
    if (!active.has(event.stateKey)) current.joins.push({ userId: joining.userId, ts: event.ts });
    current.memberEvents.add(event.id);
    active.set(event.stateKey, joining);
  }
  expireBefore(now);

  return calls.map((call) => {
    const entry: CallEntry = {
      id: call.id,
      startTs: call.startTs,
      starter: call.starter,
      joined: [...new Set(call.joins.map((j) => j.userId))],
      status:
        call.endTs === undefined
          ? { kind: 'ongoing', present: [...new Set([...active.values()].map((m) => m.userId))] }
          : { kind: 'ended', endTs: call.endTs },
      ring: undefined,
    };
    // A ring names the caller's membership; one that does not is placed by its time.
    const ring = rings.find((r) =>
      r.membershipId !== undefined
        ? call.memberEvents.has(r.membershipId)
        : r.ts >= call.startTs && r.ts <= (call.endTs ?? now),
    );
    if (ring) entry.ring = ringSummary(ring, call, declines, now);
    return entry;
  });
}

function ringSummary(
  ring: Ring,
  call: Building,
  declines: readonly { ringId: string; userId: string }[],
  now: number,
): CallEntry['ring'] {
  const deadline = ring.ts + ring.lifetime;
  const answered = call.joins.some((j) => j.userId !== ring.caller && j.ts <= deadline);
  const declinedBy = [
    ...new Set(
      declines.filter((d) => d.ringId === ring.id && d.userId !== ring.caller).map((d) => d.userId),
    ),
  ];
  const outcome: RingOutcome = answered
    ? 'answered'
    : declinedBy.length > 0
      ? 'declined'
      : call.endTs !== undefined || now > deadline
        ? 'missed'
        : 'ringing';
  return { caller: ring.caller, callees: ring.callees, outcome, declinedBy };
}
