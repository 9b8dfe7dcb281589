import type { MatrixClient } from 'matrix-js-sdk';
import { EventType } from 'matrix-js-sdk/lib/@types/event';
import { groupKeyOf, layoutOf } from './categories';
import { childIdsOf } from './room-snapshot';
import { childOrder, Roles } from './servers';

export type AdminClient = Pick<
  MatrixClient,
  | 'getRoom'
  | 'setRoomName'
  | 'sendStateEvent'
  | 'setPowerLevel'
  | 'kick'
  | 'ban'
  | 'leave'
  | 'uploadContent'
>;

export type Role = keyof typeof Roles;

/** The space and every channel of a server that the client knows. */
function serverRooms(client: AdminClient, serverId: string): string[] {
  const space = client.getRoom(serverId);
  if (!space) return [serverId];
  return [
    serverId,
    ...childIdsOf(space).filter((id) => client.getRoom(id)?.getMyMembership() === 'join'),
  ];
}

export function roleOf(powerLevel: number): Role {
  if (powerLevel >= Roles.owner) return 'owner';
  if (powerLevel >= Roles.admin) return 'admin';
  if (powerLevel >= Roles.moderator) return 'moderator';
  return 'member';
}

export async function renameRoom(client: AdminClient, roomId: string, name: string): Promise<void> {
  const clean = name.trim();
  if (clean === '') throw new Error('A name cannot be empty.');
  await client.setRoomName(roomId, clean);
}

/** Removes a channel from the server (unlinks it from the space) and leaves it. */
export async function deleteChannel(
  client: AdminClient,
  serverId: string,
  channelId: string,
): Promise<void> {
  await client.sendStateEvent(serverId, EventType.SpaceChild, {}, channelId);
  await client.leave(channelId).catch(() => undefined);
}

/** Gives a member a role on the server: the same power level in the space and every channel. */
export async function setRole(
  client: AdminClient,
  serverId: string,
  userId: string,
  role: Exclude<Role, 'owner'>,
): Promise<void> {
  const level = Roles[role];
  for (const roomId of serverRooms(client, serverId)) {
    await client.setPowerLevel(roomId, userId, level === 0 ? undefined : level);
  }
}

/** Kicks or bans a member from the server: the space and every channel. */
export async function removeMember(
  client: AdminClient,
  serverId: string,
  userId: string,
  how: 'kick' | 'ban',
  reason?: string,
): Promise<void> {
  // Channels first, so the member cannot rejoin them through the space in between.
  for (const roomId of serverRooms(client, serverId).reverse()) {
    const member = client.getRoom(roomId)?.getMember(userId);
    if (how === 'ban') await client.ban(roomId, userId, reason);
    else if (member?.membership === 'join' || member?.membership === 'invite')
      await client.kick(roomId, userId, reason);
  }
}

/** Leaves a server: every channel of it, then the space. */
export async function leaveServer(client: AdminClient, serverId: string): Promise<void> {
  for (const roomId of serverRooms(client, serverId).reverse()) {
    await client.leave(roomId);
  }
}

/**
 * Moves a channel one place up or down in its server: every child gets a fresh `order`, so the
 * new order is what every Matrix client shows (m.space.child ordering).
 */
export async function moveChannel(
  client: AdminClient,
  serverId: string,
  channelId: string,
  direction: -1 | 1,
): Promise<void> {
  const space = client.getRoom(serverId);
  if (!space) return;
  const ids = childIdsOf(space);
  const from = ids.indexOf(channelId);
  if (from < 0) return;
  // Channels are listed in groups (categories, or text and voice), so "up" means past the
  // previous channel of the same group.
  const layout = layoutOf(space);
  const group = groupKeyOf(client, layout, channelId);
  let to = from + direction;
  while (to >= 0 && to < ids.length && groupKeyOf(client, layout, ids[to]!) !== group)
    to += direction;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
  for (const [index, id] of ids.entries()) {
    const current = space.currentState
      .getStateEvents(EventType.SpaceChild, id)
      ?.getContent<{ via?: string[]; order?: string }>();
    if (!current?.via || current.order === childOrder(index)) continue;
    await client.sendStateEvent(
      serverId,
      EventType.SpaceChild,
      { ...current, order: childOrder(index) },
      id,
    );
  }
}

/** Sets the server icon (the space's m.room.avatar). */
export async function setServerIcon(
  client: AdminClient,
  serverId: string,
  file: File,
): Promise<void> {
  if (!file.type.startsWith('image/')) throw new Error(`${file.name} is not an image.`);
  const { content_uri: url } = await client.uploadContent(file, {
    type: file.type,
    name: file.name,
  });
  await client.sendStateEvent(serverId, EventType.RoomAvatar, { url }, '');
}
