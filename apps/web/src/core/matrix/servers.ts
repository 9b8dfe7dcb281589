import {
  EventType,
  JoinRule,
  Preset,
  RestrictedAllowType,
  Visibility,
  type MatrixClient,
} from 'matrix-js-sdk';
import { EventTypes, RoomTypes } from './event-types';
import { sortChildren } from './channel-joins';

export type ServerClient = Pick<
  MatrixClient,
  | 'createRoom'
  | 'sendStateEvent'
  | 'getDomain'
  | 'getUserId'
  | 'joinRoom'
  | 'getRoom'
  | 'getRoomHierarchy'
  | 'roomState'
>;

/** Power levels of a HAOS server: owner 100, admin 75, moderator 50, member 0. */
export const Roles = { owner: 100, admin: 75, moderator: 50, member: 0 } as const;

/**
 * Power levels for a server's rooms. The creator is left out of `users`: Synapse gives the
 * creator 100 in older room versions, and room version 12 makes creators all-powerful and
 * refuses them in `users`.
 */
function powerLevels(voice: boolean) {
  return {
    users_default: Roles.member,
    events_default: Roles.member,
    state_default: Roles.moderator,
    ban: Roles.moderator,
    kick: Roles.moderator,
    redact: Roles.moderator,
    invite: Roles.member,
    events: {
      [EventTypes.RoomName]: Roles.moderator,
      [EventTypes.RoomAvatar]: Roles.moderator,
      [EventTypes.RoomTopic]: Roles.moderator,
      [EventTypes.PowerLevels]: Roles.admin,
      [EventTypes.SpaceChild]: Roles.moderator,
      [EventTypes.HaosChannelLayout]: Roles.moderator,
      ...(voice
        ? { [EventTypes.CallMember]: Roles.member, [EventTypes.RtcMember]: Roles.member }
        : {}),
    },
  };
}

const MEGOLM = 'm.megolm.v1.aes-sha2';

/** `m.space.child` ordering: fixed-width so that string order is numeric order. */
export const childOrder = (index: number) => index.toString().padStart(6, '0');

export interface NewChannel {
  name: string;
  kind: 'text' | 'voice';
  /** End-to-end encrypt the channel's messages (and, for voice, its call media). */
  encrypted?: boolean;
}

/**
 * Creates a channel room inside a server: joinable by the server's members (restricted join rule),
 * linked both ways (m.space.child in the server, m.space.parent in the channel).
 */
export async function createChannel(
  client: ServerClient,
  serverId: string,
  channel: NewChannel,
  index: number,
): Promise<string> {
  const via = [client.getDomain() ?? ''];
  const voice = channel.kind === 'voice';
  const { room_id: roomId } = await client.createRoom({
    name: channel.name,
    preset: Preset.PrivateChat,
    visibility: Visibility.Private,
    ...(voice ? { creation_content: { type: RoomTypes.Call } } : {}),
    power_level_content_override: powerLevels(voice),
    initial_state: [
      { type: EventTypes.SpaceParent, state_key: serverId, content: { via, canonical: true } },
      {
        type: EventTypes.JoinRules,
        state_key: '',
        content: {
          join_rule: JoinRule.Restricted,
          allow: [{ type: RestrictedAllowType.RoomMembership, room_id: serverId }],
        },
      },
      {
        type: EventTypes.HistoryVisibility,
        state_key: '',
        content: { history_visibility: 'shared' },
      },
      ...(channel.encrypted
        ? [{ type: EventTypes.Encryption, state_key: '', content: { algorithm: MEGOLM } }]
        : []),
    ],
  });
  await client.sendStateEvent(
    serverId,
    EventType.SpaceChild,
    { via, order: childOrder(index) },
    roomId,
  );
  return roomId;
}

/**
 * Creates a server: a space anyone with its link can join, with a #general text channel and a
 * General voice channel.
 */
export async function createServer(
  client: ServerClient,
  name: string,
): Promise<{ serverId: string; generalId: string; voiceId: string }> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A server needs a name.');
  const { room_id: serverId } = await client.createRoom({
    name: trimmed,
    preset: Preset.PublicChat,
    visibility: Visibility.Private,
    creation_content: { type: RoomTypes.Space },
    power_level_content_override: { ...powerLevels(false), events_default: Roles.admin },
    initial_state: [
      {
        type: EventTypes.HistoryVisibility,
        state_key: '',
        content: { history_visibility: 'shared' },
      },
    ],
  });
  const generalId = await createChannel(client, serverId, { name: 'general', kind: 'text' }, 0);
  const voiceId = await createChannel(client, serverId, { name: 'General', kind: 'voice' }, 1);
  return { serverId, generalId, voiceId };
}

/**
 * The invite link of a server: the app's /invite route with the space's room ID, and the servers
 * to join through (room version 12 IDs no longer name a server).
 */
export function inviteLink(origin: string, serverId: string, via: readonly string[]): string {
  const query = via.map((v) => `via=${encodeURIComponent(v)}`).join('&');
  return `${origin}/invite/${encodeURIComponent(serverId)}${query ? `?${query}` : ''}`;
}

export interface InviteTarget {
  roomIdOrAlias: string;
  via: string[];
}

const ROOM_ID = /^![A-Za-z0-9._~+/=-]+(:[^\s]+)?$/;
const ALIAS = /^#[^:\s]+:[^\s]+$/;

/** Reads a room ID or alias (and via servers) out of an invite link, a matrix.to link, or the bare ID/alias. */
export function parseInvite(input: string): InviteTarget | undefined {
  const text = input.trim();
  let target = text;
  let query = '';
  const link =
    /\/invite\/([^/?#]+)(\?[^#]*)?/.exec(text) ?? /matrix\.to\/#\/([^/?#]+)(\?[^#]*)?/.exec(text);
  if (link?.[1]) {
    try {
      target = decodeURIComponent(link[1]);
    } catch {
      return undefined;
    }
    query = link[2] ?? '';
  }
  if (!ROOM_ID.test(target) && !ALIAS.test(target)) return undefined;
  const via = new URLSearchParams(query)
    .getAll('via')
    .filter((v) => /^[A-Za-z0-9.:[\]-]+$/.test(v));
  return { roomIdOrAlias: target, via };
}

/**
 * Joins a server and every channel that belongs to it (channel-joins.ts: restricted to the
 * server's members, or naming it as a valid parent). Rooms a moderator merely lists are not
 * joined; the sidebar offers them. The children come from the space hierarchy API, which
 * answers before the joined space has synced. Returns the server's room ID.
 */
export async function joinServer(
  client: ServerClient,
  { roomIdOrAlias, via }: InviteTarget,
): Promise<string> {
  const space = await client.joinRoom(roomIdOrAlias, via.length > 0 ? { viaServers: via } : {});
  const hierarchy = await client.getRoomHierarchy(space.roomId, 200, 1);
  const root = hierarchy.rooms.find((r) => r.room_id === space.roomId);
  const children = (root?.children_state ?? [])
    .filter((e) => e.type === EventTypes.SpaceChild && Array.isArray(e.content.via))
    .map((e) => ({ id: e.state_key, via: e.content.via ?? [] }))
    .filter((c) => client.getRoom(c.id)?.getMyMembership() !== 'join');
  const { join } = await sortChildren(
    { getRoomHierarchy: () => Promise.resolve(hierarchy), roomState: (id) => client.roomState(id) },
    space,
    children.map((c) => c.id),
  );
  await Promise.all(
    children
      .filter((c) => join.includes(c.id))
      .map(async (child) => {
        try {
          await client.joinRoom(child.id, { viaServers: child.via });
        } catch {
          // A channel this user may not join (private to a role) stays hidden.
        }
      }),
  );
  return space.roomId;
}
