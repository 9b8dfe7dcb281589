import type { MatrixClient } from 'matrix-js-sdk';
import { EventType, RelationType } from 'matrix-js-sdk/lib/@types/event';
import type { Mention } from './message-content';

type Client = Pick<
  MatrixClient,
  'sendMessage' | 'sendEvent' | 'redactEvent' | 'getRoom' | 'resendEvent' | 'cancelPendingEvent'
>;

/** The Markdown renderer loads on the first message you send, not with the first screen. */
export const loadMessageContent = () => import('./message-content');

/** Sends what was typed in the composer, optionally as a reply. */
export async function sendText(
  client: Client,
  roomId: string,
  text: string,
  replyToId: string | undefined,
  mentions: readonly Mention[],
): Promise<void> {
  if (text.trim() === '') return;
  const { textContent } = await loadMessageContent();
  const content = {
    ...textContent(text, mentions),
    ...(replyToId ? { 'm.relates_to': { 'm.in_reply_to': { event_id: replyToId } } } : {}),
  };
  await client.sendMessage(roomId, content);
}

/** Replaces the text of one of your messages (m.replace). */
export async function editText(
  client: Client,
  roomId: string,
  eventId: string,
  text: string,
  mentions: readonly Mention[],
): Promise<void> {
  if (text.trim() === '') return;
  const { textContent } = await loadMessageContent();
  const replacement = textContent(text, mentions);
  await client.sendMessage(roomId, {
    ...replacement,
    body: `* ${replacement.body}`,
    ...(replacement.formatted_body ? { formatted_body: `* ${replacement.formatted_body}` } : {}),
    'm.new_content': replacement,
    'm.relates_to': { rel_type: RelationType.Replace, event_id: eventId },
  });
}

/** Adds your reaction, or takes it back if you already reacted with that key. */
export async function toggleReaction(
  client: Client,
  roomId: string,
  eventId: string,
  key: string,
  myReactionId: string | undefined,
): Promise<void> {
  if (myReactionId) {
    await client.redactEvent(roomId, myReactionId);
    return;
  }
  await client.sendEvent(roomId, EventType.Reaction, {
    'm.relates_to': { rel_type: RelationType.Annotation, event_id: eventId, key },
  });
}

const pending = (client: Client, roomId: string, eventId: string) =>
  client
    .getRoom(roomId)
    ?.getPendingEvents()
    .find((e) => (e.getId() ?? e.getTxnId()) === eventId);

/** Sends a failed message again. */
export async function retrySend(client: Client, roomId: string, eventId: string): Promise<void> {
  const room = client.getRoom(roomId);
  const event = pending(client, roomId, eventId);
  if (room && event) await client.resendEvent(event, room);
}

/** Drops a message that failed to send. */
export function discardSend(client: Client, roomId: string, eventId: string): void {
  const event = pending(client, roomId, eventId);
  if (event) client.cancelPendingEvent(event);
}
