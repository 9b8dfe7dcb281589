import { bindChannelJoins } from './channel-joins';
import {
  ClientEvent,
  createClient,
  EventStatus,
  HttpApiEvent,
  MatrixError,
  MatrixEventEvent,
  PendingEventOrdering,
  RoomEvent,
  RoomStateEvent,
  SyncState,
  UserEvent,
  type MatrixClient,
} from 'matrix-js-sdk';
import type { StoredSession } from './session-vault';
import { buildSnapshot } from './room-snapshot';
import { bindNotifications } from './notifications';
import type { ConnectionState, SessionStoreApi } from '../../stores/session-store';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import type { OfferedRoomsStoreApi } from '../../stores/offered-rooms-store';
import type { VoiceStoreApi } from '../../stores/voice-store';
import { bindVoiceRoster } from '../call/roster';
import { bindVoicePresence } from './presence';
import type { SecurityStoreApi } from '../../stores/security-store';
import { SecretStorageKeys } from './secret-storage-keys';
import { bindSecurity } from './security-status';
import { VerificationFlow } from './verification';

function decodeKey(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function connectionFromSync(
  state: SyncState | null,
  previous: ConnectionState,
): ConnectionState {
  switch (state) {
    case SyncState.Prepared:
    case SyncState.Syncing:
      return 'online';
    case SyncState.Catchup:
    case SyncState.Reconnecting:
      return 'reconnecting';
    case SyncState.Error:
      return previous === 'connecting' ? 'offline' : 'reconnecting';
    case SyncState.Stopped:
      return 'offline';
    default:
      return previous;
  }
}

/**
 * Sends again every message that failed for want of a connection (kept by the SDK as NOT_SENT).
 * Messages the homeserver itself refused stay failed until the person retries or discards them.
 */
export function resendUnsent(client: MatrixClient): void {
  for (const room of client.getRooms()) {
    for (const event of room.getPendingEvents()) {
      if (event.status !== EventStatus.NOT_SENT) continue;
      const refused = event.error instanceof MatrixError && event.error.httpStatus !== undefined;
      if (!refused) void client.resendEvent(event, room).catch(() => undefined);
    }
  }
}

/**
 * Keeps the rooms snapshot and the connection state in step with the client. One place binds
 * SDK events to stores; the returned function unbinds. Snapshot rebuilds are coalesced to one
 * per task, so a burst of sync events costs one rebuild.
 */
export function bindClient(
  client: MatrixClient,
  session: SessionStoreApi,
  rooms: RoomsStoreApi,
): () => void {
  let scheduled = false;
  const rebuild = () => {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      rooms.setState(buildSnapshot(client, rooms.getState().version + 1), true);
    };
    // A timer, not requestAnimationFrame: frames stop in background tabs, and the sidebar
    // must be current when the person comes back.
    setTimeout(run, 0);
  };
  const onSync = (state: SyncState) => {
    const before = session.getState().connection;
    const after = connectionFromSync(state, before);
    session.setState({ connection: after });
    if (state === SyncState.Prepared) rebuild();
    // Back online: send what was typed while the homeserver could not be reached.
    if (after === 'online' && (before === 'reconnecting' || before === 'offline'))
      resendUnsent(client);
  };
  // Everything that can change what the rail and sidebar show. LastPresenceTs fires on every
  // presence event (UserEvent.Presence only when the state word changes).
  const rebuildOn = [
    ClientEvent.Room,
    ClientEvent.DeleteRoom,
    ClientEvent.AccountData,
    RoomStateEvent.Events,
    RoomEvent.Name,
    RoomEvent.MyMembership,
    RoomEvent.AccountData,
    RoomEvent.Receipt,
    RoomEvent.Timeline,
    MatrixEventEvent.Decrypted,
    UserEvent.LastPresenceTs,
  ] as const;
  // The browser says the network is back: don't wait for the next sync to notice.
  const onOnline = () => resendUnsent(client);
  globalThis.addEventListener?.('online', onOnline);
  client.on(ClientEvent.Sync, onSync);
  // `rebuild` ignores its arguments, so one listener type serves every event in the list.
  for (const name of rebuildOn) client.on(name as ClientEvent.Room, rebuild);
  return () => {
    globalThis.removeEventListener?.('online', onOnline);
    client.off(ClientEvent.Sync, onSync);
    for (const name of rebuildOn) client.off(name as ClientEvent.Room, rebuild);
  };
}

/**
 * The one owner of the MatrixClient: creates it from a stored session, starts crypto and sync,
 * binds it to the stores, and stops it. Nothing else creates, starts or stops a client.
 */
export class MatrixSession {
  private unbind: (() => void) | undefined;

  /** Emoji verification with your other devices. */
  readonly verification: VerificationFlow;

  private constructor(
    readonly client: MatrixClient,
    private readonly cryptoDatabasePrefix: string,
    /** The recovery key, held only while an operation needs it. */
    readonly secretKeys: SecretStorageKeys,
    security: SecurityStoreApi,
  ) {
    this.verification = new VerificationFlow(client, security);
  }

  static async start(
    stored: StoredSession,
    session: SessionStoreApi,
    rooms: RoomsStoreApi,
    voice: VoiceStoreApi,
    security: SecurityStoreApi,
    offered: OfferedRoomsStoreApi,
    /** The homeserver says this session is no more (M_UNKNOWN_TOKEN). */
    onLoggedOut: () => void,
  ): Promise<MatrixSession> {
    const secretKeys = new SecretStorageKeys();
    const client = createClient({
      baseUrl: stored.homeserverUrl,
      userId: stored.userId,
      deviceId: stored.deviceId,
      accessToken: stored.accessToken,
      timelineSupport: true,
      cryptoCallbacks: secretKeys.callbacks(),
    });
    // One crypto store per device: a new sign-in never meets an old device's keys.
    const cryptoDatabasePrefix = `haos-${stored.userId}-${stored.deviceId}`;
    await client.initRustCrypto({
      storageKey: decodeKey(stored.cryptoStorageKey),
      cryptoDatabasePrefix,
    });
    const owner = new MatrixSession(client, cryptoDatabasePrefix, secretKeys, security);
    const unbindStores = bindClient(client, session, rooms);
    const unbindNotifications = bindNotifications(client, {
      doNotDisturb: () => session.getState().status === 'dnd',
      isDirect: (roomId) => rooms.getState().directs.some((d) => d.id === roomId),
    });
    const unbindRoster = bindVoiceRoster(client, rooms, voice);
    const unbindPresence = bindVoicePresence(client, session, voice, rooms);
    const unbindJoins = bindChannelJoins(client, rooms, offered);
    const unbindSecurity = bindSecurity(client, security);
    const unbindVerification = owner.verification.bind();
    client.on(HttpApiEvent.SessionLoggedOut, onLoggedOut);
    owner.unbind = () => {
      client.off(HttpApiEvent.SessionLoggedOut, onLoggedOut);
      unbindJoins();
      unbindStores();
      unbindNotifications();
      unbindRoster();
      unbindPresence();
      unbindSecurity();
      unbindVerification();
      secretKeys.forget();
    };
    await client.startClient({
      initialSyncLimit: 30,
      lazyLoadMembers: true,
      // Messages not yet sent stay apart from the timeline, so a failed one can be retried.
      pendingEventOrdering: PendingEventOrdering.Detached,
    });
    return owner;
  }

  stop(): void {
    this.unbind?.();
    this.unbind = undefined;
    this.client.stopClient();
  }

  /** Stops the client and clears its stores, for a session the homeserver already ended. */
  async discard(): Promise<void> {
    this.unbind?.();
    this.unbind = undefined;
    this.client.stopClient();
    await this.client.clearStores({ cryptoDatabasePrefix: this.cryptoDatabasePrefix });
  }

  /** Ends the session on the server (best effort) and stops the client. */
  async signOut(): Promise<void> {
    this.unbind?.();
    this.unbind = undefined;
    try {
      await this.client.logout(true);
    } catch {
      // Offline or token already invalid: the local traces are cleared anyway.
    }
    this.client.stopClient();
    await this.client.clearStores({ cryptoDatabasePrefix: this.cryptoDatabasePrefix });
  }
}
