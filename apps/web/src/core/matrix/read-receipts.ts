import { listOfNames } from './name-list';

/** At most this many people's read positions are shown (a big channel's are not all useful). */
export const MAX_READERS = 200;

/**
 * Who has read up to each shown message: every reader is placed at their read position, or at
 * the nearest shown message before it (a receipt may point at a reaction or a state event).
 * Readers whose position is not in the loaded timeline are left out.
 *
 * @param eventIds the timeline's event IDs, oldest first
 * @param shown the IDs among them that are shown as messages
 * @param readUpTo each reader's name → the event ID their read receipt points at
 */
export function readersByMessage(
  eventIds: readonly string[],
  shown: ReadonlySet<string>,
  readUpTo: ReadonlyMap<string, string>,
): Record<string, string[]> {
  const index = new Map<string, number>();
  eventIds.forEach((id, i) => index.set(id, i));
  const readers: Record<string, string[]> = {};
  for (const [name, eventId] of readUpTo) {
    let i = index.get(eventId);
    if (i === undefined) continue;
    while (i >= 0 && !shown.has(eventIds[i]!)) i--;
    if (i < 0) continue;
    (readers[eventIds[i]!] ??= []).push(name);
  }
  return readers;
}

/** "Seen by Ada", "Seen by Ada and Bo", "Seen by Ada, Bo and 3 others". */
export function seenByText(names: readonly string[]): string {
  return `Seen by ${listOfNames([...names].sort((a, b) => a.localeCompare(b)))}`;
}
