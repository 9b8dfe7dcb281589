import type { MatrixClient } from 'matrix-js-sdk';
import { updateLayout } from './matrix/categories';
import { placeChannel, type ChannelLayout } from './matrix/channel-layout';
import { register, signIn } from './matrix/auth';
import type { Mention } from './matrix/message-content';
import {
  deleteChannel,
  leaveServer,
  moveChannel,
  removeMember,
  setServerIcon,
  renameRoom,
  setRole,
  type Role,
} from './matrix/server-admin';
import { AuthError } from './matrix/auth-errors';
import { fetchPasswordPolicy, type PasswordPolicy } from './matrix/password-policy';
import { MatrixSession } from './matrix/matrix-session';
import { RoomTimeline, type MediaView } from './matrix/room-timeline';
import { downloadMedia, sendFile } from './matrix/media';
import {
  discardSend,
  editText,
  loadMessageContent,
  retrySend,
  sendText,
  toggleReaction,
} from './matrix/message-actions';
import { SessionVault } from './matrix/session-vault';
import { lookUpRemoval, type RemovalLookup } from './matrix/removals';
import { SessionLifecycle } from './session-lifecycle';
import { childIdsOf } from './matrix/room-snapshot';
import { acceptInvite, declineInvite, parseUserId, startDirect } from './matrix/directs';
import {
  createChannel,
  createServer,
  joinServer,
  type InviteTarget,
  type NewChannel,
} from './matrix/servers';
import type { AppConfig } from './config/app-config';
import { createRoomsStore, type RoomsStoreApi } from '../stores/rooms-store';
import {
  createOfferedRoomsStore,
  type OfferedRoom,
  type OfferedRoomsStoreApi,
} from '../stores/offered-rooms-store';
import { createSessionStore, type OwnStatus, type SessionStoreApi } from '../stores/session-store';
import { callActivity, publishPresence } from './matrix/presence';
import { VoiceController } from './call/voice-controller';
import { Rings } from './call/rings';
import { EncryptionController } from './matrix/encryption-controller';
import { ringsAllowed, setRingsAllowed } from './matrix/ring-policy';
import {
  DEFAULT_VOICE_SHARING,
  setVoiceSharing,
  voiceSharingOf,
  type VoiceSharing,
} from './matrix/voice-sharing';

/**
 * The app's domain side, free of React: signs in and out, owns the MatrixSession, and offers
 * the actions components call. Components read stores and call these methods; they never
 * touch the MatrixClient's mutating methods themselves.
 */
const KEPT_TIMELINES = 8;

export class AppController {
  readonly session: SessionStoreApi = createSessionStore();
  readonly rooms: RoomsStoreApi = createRoomsStore();
  /** Rooms a server lists that HAOS did not join by itself (channel-joins.ts). */
  readonly offered: OfferedRoomsStoreApi = createOfferedRoomsStore();
  private readonly timelines = new Map<string, RoomTimeline>();
  readonly voice: VoiceController;
  /** DM calls that ring, and rings for you. */
  readonly ringing: Rings;
  private unbindRinging: (() => void) | undefined;
  readonly encryption = new EncryptionController(() => this.matrix);
  private readonly lifecycle: SessionLifecycle;

  constructor(
    readonly config: AppConfig,
    vault: SessionVault = new SessionVault(),
    /** Starts the Matrix session (tests pass a fake; the app, MatrixSession.start). */
    startSession: typeof MatrixSession.start = (...args) => MatrixSession.start(...args),
  ) {
    this.voice = new VoiceController(() => this.client, config.livekitServiceUrl);
    this.ringing = new Rings({
      voice: this.voice,
      rooms: this.rooms,
      doNotDisturb: () => this.session.getState().status === 'dnd',
    });
    this.lifecycle = new SessionLifecycle(this.session, vault, {
      start: (stored, onLoggedOut) =>
        startSession(
          stored,
          this.session,
          this.rooms,
          this.voice.store,
          this.encryption.store,
          this.offered,
          onLoggedOut,
        ),
      started: (stored, matrix) => {
        this.voice.start(stored.userId);
        this.unbindRinging = this.ringing.bind(matrix.client);
        // Fetch the Markdown renderer soon, so sending works even if the network drops first.
        setTimeout(() => void loadMessageContent().catch(() => undefined), 1000);
      },
      stopping: async () => {
        this.unbindRinging?.();
        this.unbindRinging = undefined;
        await this.voice.stop();
        for (const timeline of this.timelines.values()) timeline.dispose();
        this.timelines.clear();
      },
      cleared: () => {
        this.encryption.reset();
        this.rooms.setState(createRoomsStore().getState(), true);
        this.offered.setState({ bySpace: {} });
      },
    });
  }

  private get matrix(): MatrixSession | undefined {
    return this.lifecycle.matrix;
  }

  get client(): MatrixClient | undefined {
    return this.matrix?.client;
  }

  /** On start-up: resume the stored session, if any (see SessionLifecycle.restore). */
  restore(): Promise<void> {
    return this.lifecycle.restore();
  }

  /** "Try again" on the problem screen. */
  retryRestore(): Promise<void> {
    return this.lifecycle.retryRestore();
  }

  /** "Sign in again" on the problem screen: forgets the saved session this browser can't use. */
  forgetSession(): Promise<void> {
    return this.lifecycle.forgetSession();
  }

  /** The password rules a homeserver announces, for the sign-up form. */
  passwordPolicy(homeserver: string, signal?: AbortSignal): Promise<PasswordPolicy | undefined> {
    return fetchPasswordPolicy(homeserver, signal);
  }

  async signIn(homeserver: string, username: string, password: string): Promise<void> {
    await this.lifecycle.begin(await signIn(homeserver, username, password), true);
  }

  async register(
    homeserver: string,
    username: string,
    password: string,
    registrationToken?: string,
  ): Promise<void> {
    await this.lifecycle.begin(
      await register(homeserver, username, password, registrationToken),
      true,
    );
  }

  /** Signs out on the server and clears every local trace: session, crypto store, caches. */
  signOut(): Promise<void> {
    return this.lifecycle.signOut();
  }

  private requireClient(): MatrixClient {
    if (!this.matrix) throw new AuthError('UNKNOWN', 'Not signed in');
    return this.matrix.client;
  }

  createServer(name: string) {
    return createServer(this.requireClient(), name);
  }

  /** Creates a channel at the end of the server, in a category if one is given. */
  async createChannel(serverId: string, channel: NewChannel, categoryId?: string) {
    const client = this.requireClient();
    const count =
      this.rooms.getState().servers.find((s) => s.id === serverId)?.channels.length ?? 0;
    const roomId = await createChannel(client, serverId, channel, count);
    if (categoryId)
      await updateLayout(client, serverId, (l) => placeChannel(l, roomId, categoryId));
    return roomId;
  }

  /** Changes a server's categories (add, rename, remove, reorder, place a channel). */
  updateCategories(serverId: string, change: (layout: ChannelLayout) => ChannelLayout) {
    return updateLayout(this.requireClient(), serverId, change);
  }

  joinServer(target: InviteTarget) {
    return joinServer(this.requireClient(), target);
  }

  /** Joins a room a server lists but HAOS did not join by itself: the person clicked Join. */
  async joinOfferedRoom(room: OfferedRoom): Promise<void> {
    await this.requireClient().joinRoom(room.id, { viaServers: room.via });
  }

  /** Sends a failed message again. */
  retrySend(roomId: string, eventId: string): Promise<void> {
    return retrySend(this.requireClient(), roomId, eventId);
  }

  /** Drops a message that failed to send. */
  discardSend(roomId: string, eventId: string): void {
    discardSend(this.requireClient(), roomId, eventId);
  }

  /** Opens or creates an encrypted DM with what the person typed (a user ID or a local name). */
  async startDirect(input: string): Promise<string> {
    const client = this.requireClient();
    const userId = parseUserId(input, client.getDomain() ?? '');
    if (!userId) throw new Error('Enter a Matrix user ID, like @name:example.org');
    if (userId === client.getUserId()) throw new Error("That's you. Pick someone else to message.");
    return startDirect(client, userId);
  }

  acceptInvite(roomId: string) {
    return acceptInvite(this.requireClient(), roomId);
  }

  declineInvite(roomId: string) {
    return declineInvite(this.requireClient(), roomId);
  }

  /** Servers to name in invite links: our own homeserver. */
  inviteVia(): string[] {
    const domain = this.client?.getDomain();
    return domain ? [domain] : [];
  }

  renameRoom(roomId: string, name: string) {
    return renameRoom(this.requireClient(), roomId, name);
  }

  deleteChannel(serverId: string, channelId: string) {
    return deleteChannel(this.requireClient(), serverId, channelId);
  }

  setRole(serverId: string, userId: string, role: Exclude<Role, 'owner'>) {
    return setRole(this.requireClient(), serverId, userId, role);
  }

  setServerIcon(serverId: string, file: File) {
    return setServerIcon(this.requireClient(), serverId, file);
  }

  moveChannel(serverId: string, channelId: string, direction: -1 | 1) {
    return moveChannel(this.requireClient(), serverId, channelId, direction);
  }

  leaveServer(serverId: string) {
    return leaveServer(this.requireClient(), serverId);
  }

  removeMember(serverId: string, userId: string, how: 'kick' | 'ban', reason?: string) {
    return removeMember(this.requireClient(), serverId, userId, how, reason);
  }

  /** Why you are not in a room (kicked or banned, by whom, why), asking the homeserver if need be. */
  async lookUpRemoval(roomId: string): Promise<RemovalLookup> {
    // async: signed out meanwhile is a rejected promise, never a throw inside a React effect.
    return lookUpRemoval(this.requireClient(), roomId);
  }

  /**
   * "Forget this server" after a removal: forgets the room on the homeserver (it leaves your
   * room list for good) and, for a server, every channel of it you are no longer in.
   */
  async forgetRoom(roomId: string): Promise<void> {
    const client = this.requireClient();
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

  /** Sets your status, as Matrix presence others see (with your call, if you are in one). */
  async setStatus(status: OwnStatus): Promise<void> {
    const client = this.requireClient();
    const activity = callActivity(
      this.voice.store.getState().call,
      this.rooms.getState(),
      voiceSharingOf(client),
    );
    await publishPresence(client, status, activity);
    this.session.setState({ status });
  }

  /** Who may learn which voice channel you are in (your account data; "server" by default). */
  voiceSharing(): VoiceSharing {
    return this.client ? voiceSharingOf(this.client) : DEFAULT_VOICE_SHARING;
  }

  /** Changes who may learn which voice channel you are in; your status follows at once. */
  setVoiceSharing(sharing: VoiceSharing): Promise<void> {
    return setVoiceSharing(this.requireClient(), sharing);
  }

  /** Calls started in this room may ring you (always in a DM; elsewhere if you allowed it). */
  ringsAllowed(roomId: string): boolean {
    const room = this.client?.getRoom(roomId);
    const direct = this.rooms.getState().directs.some((d) => d.id === roomId);
    return room ? ringsAllowed(room, direct) : direct;
  }

  /** Lets calls in a room ring you, or stops them (your room account data). */
  setRingsAllowed(roomId: string, allowed: boolean): Promise<void> {
    return setRingsAllowed(this.requireClient(), roomId, allowed);
  }

  /** Tells the room you are typing (or stopped). */
  setTyping(roomId: string, typing: boolean): void {
    void this.client?.sendTyping(roomId, typing, 6000).catch(() => undefined);
  }

  /** The event your read receipt points at in a room (where "new messages" start after). */
  readUpTo(roomId: string): string | undefined {
    const client = this.client;
    return client?.getRoom(roomId)?.getEventReadUpTo(client.getUserId() ?? '') ?? undefined;
  }

  /** Marks everything up to the newest event of a room as read (read receipt). */
  markRead(roomId: string): void {
    const room = this.client?.getRoom(roomId);
    const last = room?.getLiveTimeline().getEvents().at(-1);
    if (!room || !last || room.getEventReadUpTo(this.client?.getUserId() ?? '') === last.getId())
      return;
    void this.client?.sendReadReceipt(last).catch(() => undefined);
  }

  /** Who and what can be mentioned from a room: its members, and the channels of its server. */
  mentionCandidates(roomId: string): Mention[] {
    const client = this.client;
    const room = client?.getRoom(roomId);
    if (!client || !room) return [];
    const users: Mention[] = room
      .getJoinedMembers()
      .filter((m) => m.userId !== client.getUserId())
      .map((m) => ({ text: `@${m.name}`, kind: 'user', id: m.userId }));
    const server = this.rooms
      .getState()
      .servers.find((s) => s.channels.some((c) => c.id === roomId));
    const channels: Mention[] = (server?.channels ?? []).map((c) => ({
      text: `#${c.name}`,
      kind: 'room',
      id: c.id,
      via: this.inviteVia(),
    }));
    return [...users, ...channels];
  }

  /** Uploads a file to a room (encrypted in encrypted rooms), reporting progress 0..1. */
  sendFile(roomId: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
    return sendFile(this.requireClient(), roomId, file, onProgress);
  }

  /** An attachment's bytes, fetched with authentication and decrypted when needed. */
  downloadMedia(media: MediaView): Promise<Blob> {
    return downloadMedia(this.requireClient(), media.mxc, media.encrypted, media.mimetype);
  }

  /** Sends what was typed in the composer, optionally as a reply. */
  sendMessage(
    roomId: string,
    text: string,
    replyToId?: string,
    mentions: readonly Mention[] = [],
  ): Promise<void> {
    return sendText(this.requireClient(), roomId, text, replyToId, mentions);
  }

  /** Replaces the text of one of your messages (m.replace). */
  editMessage(
    roomId: string,
    eventId: string,
    text: string,
    mentions: readonly Mention[] = [],
  ): Promise<void> {
    return editText(this.requireClient(), roomId, eventId, text, mentions);
  }

  /** Deletes (redacts) a message. */
  async deleteMessage(roomId: string, eventId: string): Promise<void> {
    await this.requireClient().redactEvent(roomId, eventId);
  }

  /** Adds your reaction, or takes it back if you already reacted with that key. */
  toggleReaction(
    roomId: string,
    eventId: string,
    key: string,
    myReactionId: string | undefined,
  ): Promise<void> {
    return toggleReaction(this.requireClient(), roomId, eventId, key, myReactionId);
  }

  /**
   * The timeline of a room, created on first use and kept for the few most recent rooms
   * (switching back is instant); older ones are disposed.
   */
  timelineFor(roomId: string): RoomTimeline | undefined {
    const room = this.client?.getRoom(roomId);
    if (!this.client || !room) return undefined;
    let timeline = this.timelines.get(roomId);
    if (timeline) {
      this.timelines.delete(roomId);
    } else {
      timeline = new RoomTimeline(this.client, room);
    }
    this.timelines.set(roomId, timeline);
    while (this.timelines.size > KEPT_TIMELINES) {
      const [oldestId, oldest] = this.timelines.entries().next().value as [string, RoomTimeline];
      oldest.dispose();
      this.timelines.delete(oldestId);
    }
    return timeline;
  }
}
