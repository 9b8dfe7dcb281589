import { updateLayout } from '../matrix/categories';
import { placeChannel, type ChannelLayout } from '../matrix/channel-layout';
import { lookUpRemoval, type RemovalLookup } from '../matrix/removals';
import { childIdsOf } from '../matrix/room-snapshot';
import {
  deleteChannel,
  leaveServer,
  moveChannel,
  removeMember,
  renameRoom,
  setRole,
  setServerIcon,
  type Role,
} from '../matrix/server-admin';
import {
  createChannel,
  createServer,
  joinServer,
  type InviteTarget,
  type NewChannel,
} from '../matrix/servers';
import type { OfferedRoom } from '../../stores/offered-rooms-store';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import { requireClient, type ClientSource } from './client-source';

/** Servers and their channels: making, joining, arranging, moderating, leaving, forgetting. */
export class ServerActions {
  constructor(
    private readonly source: ClientSource,
    private readonly rooms: RoomsStoreApi,
  ) {}

  private get client() {
    return requireClient(this.source);
  }

  createServer(name: string) {
    return createServer(this.client, name);
  }

  /** Creates a channel at the end of the server, in a category if one is given. */
  async createChannel(serverId: string, channel: NewChannel, categoryId?: string) {
    const client = this.client;
    const count =
      this.rooms.getState().servers.find((s) => s.id === serverId)?.channels.length ?? 0;
    const roomId = await createChannel(client, serverId, channel, count);
    if (categoryId)
      await updateLayout(client, serverId, (l) => placeChannel(l, roomId, categoryId));
    return roomId;
  }

  /** Changes a server's categories (add, rename, remove, reorder, place a channel). */
  updateCategories(serverId: string, change: (layout: ChannelLayout) => ChannelLayout) {
    return updateLayout(this.client, serverId, change);
  }

  joinServer(target: InviteTarget) {
    return joinServer(this.client, target);
  }

  /** Joins a room a server lists but HAOS did not join by itself: the person clicked Join. */
  async joinOfferedRoom(room: OfferedRoom): Promise<void> {
    await this.client.joinRoom(room.id, { viaServers: room.via });
  }

  /** Servers to name in invite links and channel links: our own homeserver. */
  inviteVia(): string[] {
    const domain = this.source()?.getDomain();
    return domain ? [domain] : [];
  }

  renameRoom(roomId: string, name: string) {
    return renameRoom(this.client, roomId, name);
  }

  deleteChannel(serverId: string, channelId: string) {
    return deleteChannel(this.client, serverId, channelId);
  }

  setRole(serverId: string, userId: string, role: Exclude<Role, 'owner'>) {
    return setRole(this.client, serverId, userId, role);
  }

  setServerIcon(serverId: string, file: File) {
    return setServerIcon(this.client, serverId, file);
  }

  moveChannel(serverId: string, channelId: string, direction: -1 | 1) {
    return moveChannel(this.client, serverId, channelId, direction);
  }

  leaveServer(serverId: string) {
    return leaveServer(this.client, serverId);
  }

  removeMember(serverId: string, userId: string, how: 'kick' | 'ban', reason?: string) {
    return removeMember(this.client, serverId, userId, how, reason);
  }

  /** Why you are not in a room (kicked or banned, by whom, why), asking the homeserver if need be. */
  async lookUpRemoval(roomId: string): Promise<RemovalLookup> {
    // async: signed out meanwhile is a rejected promise, never a throw inside a React effect.
    return lookUpRemoval(this.client, roomId);
  }

  /**
   * "Forget this server" after a removal: forgets the room on the homeserver (it leaves your
   * room list for good) and, for a server, every channel of it you are no longer in.
   */
  async forgetRoom(roomId: string): Promise<void> {
    const client = this.client;
    const space = client.getRoom(roomId);
    const channels = space?.isSpaceRoom()
      ? childIdsOf(space).filter((id) => {
          const membership = client.getRoom(id)?.getMyMembership();
          return membership === 'leave' || membership === 'ban';
        })
      : [];
    for (const id of channels) await client.forget(id, true).catch(() => undefined);
    await client.forget(roomId, true);
  }
}
