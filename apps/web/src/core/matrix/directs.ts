import { EventType, Preset, Visibility, type MatrixClient } from 'matrix-js-sdk';
import { EventTypes } from './event-types';

export type DirectClient = Pick<
  MatrixClient,
  | 'createRoom'
  | 'getAccountData'
  | 'setAccountData'
  | 'getUserId'
  | 'joinRoom'
  | 'leave'
  | 'getRoom'
  | 'getProfileInfo'
>;

const USER_ID = /^@[^:\s]+:[^\s]+$/;

/** Reads a user ID from what a person typed: "@bob:example.org", or "bob" on our own server. */
export function parseUserId(input: string, ownDomain: string): string | undefined {
  const text = input.trim();
  if (USER_ID.test(text)) return text;
  if (/^@?[a-z0-9._=\-/+]+$/i.test(text))
    return `@${text.replace(/^@/, '').toLowerCase()}:${ownDomain}`;
  return undefined;
}

function directMap(client: DirectClient): Record<string, string[]> {
  const content =
    client.getAccountData(EventType.Direct)?.getContent<Record<string, unknown>>() ?? {};
  const map: Record<string, string[]> = {};
  for (const [user, rooms] of Object.entries(content)) {
    if (Array.isArray(rooms)) map[user] = rooms.filter((r): r is string => typeof r === 'string');
  }
  return map;
}

/** Records a room as a DM with `userId` in `m.direct`, as every Matrix client expects. */
export async function markDirect(
  client: DirectClient,
  userId: string,
  roomId: string,
): Promise<void> {
  const map = directMap(client);
  const rooms = map[userId] ?? [];
  if (rooms.includes(roomId)) return;
  map[userId] = [...rooms, roomId];
  await client.setAccountData(EventType.Direct, map);
}

/** The existing DM with a user that we are still in, if any. */
export function existingDirect(client: DirectClient, userId: string): string | undefined {
  return directMap(client)[userId]?.find((id) => client.getRoom(id)?.getMyMembership() === 'join');
}

/** Opens (or creates) an end-to-end encrypted DM with `userId`; returns its room ID. */
export async function startDirect(client: DirectClient, userId: string): Promise<string> {
  const existing = existingDirect(client, userId);
  if (existing) return existing;
  await client.getProfileInfo(userId); // Fails clearly (M_NOT_FOUND) for a user that does not exist.
  const { room_id: roomId } = await client.createRoom({
    is_direct: true,
    invite: [userId],
    preset: Preset.TrustedPrivateChat,
    visibility: Visibility.Private,
    initial_state: [
      {
        type: EventTypes.Encryption,
        state_key: '',
        content: { algorithm: 'm.megolm.v1.aes-sha2' },
      },
    ],
  });
  await markDirect(client, userId, roomId);
  return roomId;
}

/** Accepts an invite; a DM invite is recorded in m.direct. */
export async function acceptInvite(client: DirectClient, roomId: string): Promise<void> {
  const room = client.getRoom(roomId);
  const inviter = room?.getDMInviter();
  await client.joinRoom(roomId);
  if (inviter) await markDirect(client, inviter, roomId);
}

export async function declineInvite(client: DirectClient, roomId: string): Promise<void> {
  await client.leave(roomId);
}
