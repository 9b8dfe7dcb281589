import { EventType, NotificationCountType, type MatrixClient, type Room } from 'matrix-js-sdk';
import { EventTypes, RoomTypes } from './event-types';
import { groupChannels } from './channel-layout';
import { layoutOf } from './categories';
import { removalOfRoom, type Removal } from './removals';
import type {
  ChannelView,
  DirectView,
  InviteView,
  RoomsStore,
  ServerView,
} from '../../stores/rooms-store';

export type SnapshotClient = Pick<
  MatrixClient,
  'getRooms' | 'getRoom' | 'getUserId' | 'getAccountData'
>;

export const isServer = (room: Room) => room.isSpaceRoom();
export const isVoiceChannel = (room: Room) => room.getType() === RoomTypes.Call;

interface ChildOrder {
  roomId: string;
  order: string;
  ts: number;
}

/** Child room IDs of a space, in `m.space.child` order (order string, then timestamp, then ID). */
export function childIdsOf(space: Room): string[] {
  const children: ChildOrder[] = [];
  for (const event of space.currentState.getStateEvents(EventTypes.SpaceChild)) {
    const content = event.getContent<{ via?: unknown; order?: unknown }>();
    const roomId = event.getStateKey();
    if (!roomId || !Array.isArray(content.via) || content.via.length === 0) continue;
    const order =
      typeof content.order === 'string' && /^[\x20-\x7e]{1,50}$/.test(content.order)
        ? content.order
        : '\uffff';
    children.push({ roomId, order, ts: event.getTs() });
  }
  children.sort((a, b) =>
    a.order < b.order ? -1 : a.order > b.order ? 1 : a.ts - b.ts || (a.roomId < b.roomId ? -1 : 1),
  );
  return children.map((c) => c.roomId);
}

function channelView(room: Room): ChannelView {
  return {
    id: room.roomId,
    name: room.name,
    kind: isVoiceChannel(room) ? 'voice' : 'text',
    topic:
      room.currentState.getStateEvents(EventTypes.RoomTopic, '')?.getContent<{ topic?: string }>()
        .topic ?? '',
    unread: room.getUnreadNotificationCount(NotificationCountType.Total),
    mentions: room.getUnreadNotificationCount(NotificationCountType.Highlight),
    encrypted: room.hasEncryptionStateEvent(),
  };
}

function directRoomIds(client: SnapshotClient): Map<string, string> {
  const byRoom = new Map<string, string>();
  const content =
    client.getAccountData(EventType.Direct)?.getContent<Record<string, unknown>>() ?? {};
  for (const [userId, rooms] of Object.entries(content)) {
    if (!Array.isArray(rooms)) continue;
    for (const roomId of rooms) if (typeof roomId === 'string') byRoom.set(roomId, userId);
  }
  return byRoom;
}

/** Builds the rail and sidebar snapshot from the client's rooms. Pure over its input. */
export function buildSnapshot(client: SnapshotClient, version = 0): RoomsStore {
  const rooms = client.getRooms();
  const joined = rooms.filter((r) => r.getMyMembership() === 'join');
  const directs = directRoomIds(client);
  const claimed = new Set<string>();
  const servers: ServerView[] = [];

  for (const space of joined.filter(isServer)) {
    const channels: ChannelView[] = [];
    for (const childId of childIdsOf(space)) {
      const child = client.getRoom(childId);
      if (!child || child.getMyMembership() !== 'join' || child.isSpaceRoom()) continue;
      claimed.add(childId);
      channels.push(channelView(child));
    }
    const avatarMxc = space.getMxcAvatarUrl();
    const layout = layoutOf(space);
    servers.push({
      id: space.roomId,
      name: space.name,
      avatarMxc: avatarMxc ?? undefined,
      channels,
      categories: layout.categories,
      groups: groupChannels(channels, layout),
      unread: channels.reduce((n, c) => n + c.unread, 0),
      mentions: channels.reduce((n, c) => n + c.mentions, 0),
      canManage: space.currentState.maySendStateEvent(
        EventTypes.SpaceChild,
        client.getUserId() ?? '',
      ),
    });
  }
  servers.sort((a, b) => a.name.localeCompare(b.name));

  const directViews: DirectView[] = [];
  const otherRooms: ChannelView[] = [];
  for (const room of joined) {
    if (isServer(room) || claimed.has(room.roomId)) continue;
    const other = directs.get(room.roomId);
    if (other !== undefined) {
      directViews.push({
        id: room.roomId,
        name: room.name,
        otherUserId: other,
        encrypted: room.hasEncryptionStateEvent(),
        unread: room.getUnreadNotificationCount(NotificationCountType.Total),
        mentions: room.getUnreadNotificationCount(NotificationCountType.Highlight),
      });
    } else {
      otherRooms.push(channelView(room));
    }
  }

  const invites: InviteView[] = rooms
    .filter((r) => r.getMyMembership() === 'invite')
    .map((r) => ({
      id: r.roomId,
      name: r.name,
      inviter:
        r.getDMInviter() ??
        r.currentState
          .getStateEvents(EventTypes.RoomMember, client.getUserId() ?? '')
          ?.getSender() ??
        '',
      isServer: r.getType() === RoomTypes.Space,
    }));

  const me = client.getUserId() ?? '';
  const removals = rooms
    .map((r) => removalOfRoom(r, me))
    .filter((r): r is Removal => r !== undefined);

  return { servers, directs: directViews, invites, otherRooms, removals, version };
}
