import { matrixRequest, type TestUser } from './matrix-users.js';

/**
 * Fills a room with many messages over the Matrix client-server API, as people taking turns
 * (runs of one to five messages, every seventh with Markdown), so grouping and formatting are as
 * in a real channel. For benchmarks and tests with long channels.
 */

const WORDS =
  'voice channel server invite message thread reply emoji ping latency moderator raid patch build deploy test coffee tonight weekend match stream lag queue party'.split(
    ' ',
  );

/** A message of varied length; every seventh one uses Markdown. */
function messageContent(n: number): Record<string, unknown> {
  const length = 3 + ((n * 7919) % 40);
  const words = Array.from({ length }, (_, i) => WORDS[(n * 31 + i * 17) % WORDS.length]);
  const body = `${n}: ${words.join(' ')}`;
  if (n % 7 !== 0) return { msgtype: 'm.text', body };
  return {
    msgtype: 'm.text',
    body: `**${n}** ${words.join(' ')}`,
    format: 'org.matrix.custom.html',
    formatted_body: `<strong>${n}</strong> ${words.join(' ')}`,
  };
}

/**
 * Sends `count` messages into the room, `concurrency` at a time, in order per sender run.
 * Message n's body starts with "n:" (or "**n**"); the newest is `count`.
 */
export async function seedMessages(
  homeserver: string,
  roomId: string,
  people: readonly TestUser[],
  count: number,
  options: { concurrency?: number; onProgress?: (sent: number) => void } = {},
): Promise<void> {
  const concurrency = options.concurrency ?? 8;
  // Who sends message n: runs of 1–5 messages per person.
  const senders: TestUser[] = [];
  let turn = 0;
  while (senders.length < count) {
    const run = 1 + (senders.length % 5);
    for (let i = 0; i < run && senders.length < count; i++)
      senders.push(people[turn % people.length]!);
    turn++;
  }
  const send = (n: number) =>
    matrixRequest(
      homeserver,
      senders[n - 1]!,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/seed-${n}`,
      messageContent(n),
    );
  // Batches keep the timeline's order close to n (each batch lands before the next starts);
  // the newest message goes last, alone, so it is the last in the channel.
  for (let start = 0; start < count - 1; start += concurrency) {
    const end = Math.min(count - 1, start + concurrency);
    const batch = [];
    for (let n = start + 1; n <= end; n++) batch.push(send(n));
    await Promise.all(batch);
    options.onProgress?.(end);
  }
  await send(count);
  options.onProgress?.(count);
}
