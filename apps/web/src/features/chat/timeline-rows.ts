import type { CallView, MessageView } from '../../core/matrix/room-timeline';

/** Consecutive messages of one person within this long are grouped under one name. */
export const GROUP_MS = 7 * 60 * 1000;

/** One row of the virtualized timeline: a message, a call, or a divider before one. */
export type TimelineRow =
  | { kind: 'start'; key: string }
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageView; grouped: boolean }
  | { kind: 'call'; key: string; call: CallView };

function dayOf(ts: number): string {
  return new Date(ts).toDateString();
}

/**
 * The rows the timeline shows, oldest first: "the beginning of the channel" once history is all
 * loaded, a date divider at each new day, the "new messages" divider before `firstUnreadId`,
 * (no date divider above the oldest loaded message while older ones may still load: it may not
 * be the first of its day, and the top row must stay put when older rows load above it),
 * and each message, grouped with the one before when the same person wrote both close together.
 * Calls (one line each) sit among the messages at the time they started.
 */
export function timelineRows(
  messages: readonly MessageView[],
  options: { atStart: boolean; firstUnreadId: string | undefined; calls?: readonly CallView[] },
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  if (options.atStart) rows.push({ kind: 'start', key: 'start' });
  let prev: MessageView | undefined;
  /** The time of the row above, for date dividers. */
  let prevTs: number | undefined;
  const dayDivider = (ts: number) => {
    const day = dayOf(ts);
    const newDay = prevTs !== undefined ? dayOf(prevTs) !== day : options.atStart;
    if (newDay) rows.push({ kind: 'day', key: `day-${day}`, ts });
    prevTs = ts;
    return newDay;
  };
  // Each call sits where it started, among the messages (a call line also ends a group).
  const calls = options.calls ?? [];
  let nextCall = 0;
  const callsUpTo = (ts: number) => {
    for (; nextCall < calls.length && calls[nextCall]!.ts <= ts; nextCall++) {
      const call = calls[nextCall]!;
      dayDivider(call.ts);
      rows.push({ kind: 'call', key: `call-${call.id}`, call });
      prev = undefined;
    }
  };
  for (const [i, message] of messages.entries()) {
    callsUpTo(message.ts);
    const newDay = dayDivider(message.ts);
    const unread = message.id !== '' && message.id === options.firstUnreadId;
    if (unread) rows.push({ kind: 'unread', key: 'unread' });
    const grouped =
      !!prev &&
      !newDay &&
      !unread &&
      prev.sender === message.sender &&
      message.ts - prev.ts < GROUP_MS;
    rows.push({ kind: 'message', key: message.id || `pending-${i}`, message, grouped });
    prev = message;
  }
  callsUpTo(Infinity);
  return rows;
}

/**
 * Where "new messages" start: the first message from someone else after `readUpTo` (your read
 * position when you opened the channel), or undefined.
 */
export function firstUnreadAfter(
  messages: readonly MessageView[],
  readUpTo: string | undefined,
): string | undefined {
  if (!readUpTo) return undefined;
  const readIndex = messages.findIndex((m) => m.id === readUpTo);
  if (readIndex < 0) return undefined;
  for (let i = readIndex + 1; i < messages.length; i++) {
    if (!messages[i]!.own) return messages[i]!.id;
  }
  return undefined;
}
