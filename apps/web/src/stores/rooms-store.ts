import { createStore } from 'zustand/vanilla';
import type { Category, ChannelGroup } from '../core/matrix/channel-layout';
import type { Removal } from '../core/matrix/removals';

export type ChannelKind = 'text' | 'voice';

export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  topic: string;
  unread: number;
  mentions: number;
  encrypted: boolean;
}

export interface ServerView {
  id: string;
  name: string;
  /** The server icon (m.room.avatar), fetched with authentication when shown. */
  avatarMxc: string | undefined;
  channels: ChannelView[];
  /** The server's categories, in order (HAOS's channel layout). */
  categories: Category[];
  /** The channels as the sidebar lists them: without a category (text, voice), then by category. */
  groups: ChannelGroup<ChannelView>[];
  unread: number;
  mentions: number;
  /** The signed-in user may add and arrange channels (moderator or above). */
  canManage: boolean;
}

export interface InviteView {
  id: string;
  name: string;
  inviter: string;
  isServer: boolean;
}

export interface DirectView {
  id: string;
  name: string;
  otherUserId: string | undefined;
  encrypted: boolean;
  unread: number;
  mentions: number;
}

/** What the sidebar and the rail show: a snapshot rebuilt from the client when rooms change. */
export interface RoomsStore {
  servers: ServerView[];
  directs: DirectView[];
  invites: InviteView[];
  /** Rooms that are neither servers, channels of a server, nor DMs. */
  otherRooms: ChannelView[];
  /** Servers and rooms someone removed you from (kick or ban) during this session, until forgotten. */
  removals: Removal[];
  /** Bumped on every rebuild, for views that read room state directly (member lists). */
  version: number;
}

export const createRoomsStore = () =>
  createStore<RoomsStore>()(() => ({
    servers: [],
    directs: [],
    invites: [],
    otherRooms: [],
    removals: [],
    version: 0,
  }));

export type RoomsStoreApi = ReturnType<typeof createRoomsStore>;
