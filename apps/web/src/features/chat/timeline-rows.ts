import type { MessageView } from '../../core/matrix/room-timeline';

/** Consecutive messages of one person within this long are grouped under one name. */
export const GROUP_MS = 7 * 60 * 1000;

/** One row of the virtualized timeline: a message, or a divider before one. */
export type TimelineRow =
  | { kind: 'start'; key: string }
  | { kind: 'day'; key: string; ts: number }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageView; grouped: boolean };

function dayOf(ts: number): string {
  return new Date(ts).toDateString();
}

/**
 * The rows the timeline shows, oldest first: "the beginning of the channel" once history is all
 * loaded, a date divider at each new day, the "new messages" divider before `firstUnreadId`,
 * (no date divider above the oldest loaded message while older ones may still load: it may not
 * be the first of its day, and the top row must stay put when older rows load above it),
 * and each message, grouped with the one before when the same person wrote both close together.
 */
export function timelineRows(
  messages: readonly MessageView[],
  options: { atStart: boolean; firstUnreadId: string | undefined },
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  if (options.atStart) rows.push({ kind: 'start', key: 'start' });
  let prev: MessageView | undefined;
  for (const [i, message] of messages.entries()) {
    const day = dayOf(message.ts);
    const newDay = prev ? dayOf(prev.ts) !== day : options.atStart;
    if (newDay) rows.push({ kind: 'day', key: `day-${day}`, ts: message.ts });
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
