import type { MatrixClient } from 'matrix-js-sdk';
import { register, signIn } from './matrix/auth';
import { fetchPasswordPolicy, type PasswordPolicy } from './matrix/password-policy';
import { MatrixSession } from './matrix/matrix-session';
import { loadMessageContent } from './matrix/message-actions';
import { SessionVault } from './matrix/session-vault';
import { SessionLifecycle } from './session-lifecycle';
import type { AppConfig } from './config/app-config';
import { createRoomsStore, type RoomsStoreApi } from '../stores/rooms-store';
import { createOfferedRoomsStore, type OfferedRoomsStoreApi } from '../stores/offered-rooms-store';
import { createSessionStore, type SessionStoreApi } from '../stores/session-store';
import { VoiceController } from './call/voice-controller';
import { Rings } from './call/rings';
import { EncryptionController } from './matrix/encryption-controller';
import { DirectActions } from './actions/directs';
import { MessageActions } from './actions/messages';
import { ServerActions } from './actions/servers';
import { SettingsActions } from './actions/settings';

/**
 * The app's domain side, free of React: signs in and out, owns the MatrixSession, and offers
 * the actions components call, by concern (servers, directs, messages, settings). Components
 * read stores and call these; they never touch the MatrixClient's mutating methods themselves.
 */

export class AppController {
  readonly session: SessionStoreApi = createSessionStore();
  readonly rooms: RoomsStoreApi = createRoomsStore();
  /** Rooms a server lists that HAOS did not join by itself (channel-joins.ts). */
  readonly offered: OfferedRoomsStoreApi = createOfferedRoomsStore();
  readonly voice: VoiceController;
  /** DM calls that ring, and rings for you. */
  readonly ringing: Rings;
  private unbindRinging: (() => void) | undefined;
  readonly encryption = new EncryptionController(() => this.matrix);
  private readonly lifecycle: SessionLifecycle;
  readonly servers: ServerActions;
  readonly directs: DirectActions;
  readonly messages: MessageActions;
  readonly settings: SettingsActions;

  constructor(
    readonly config: AppConfig,
    vault: SessionVault = new SessionVault(),
    /** Starts the Matrix session (tests pass a fake; the app, MatrixSession.start). */
    startSession: typeof MatrixSession.start = (...args) => MatrixSession.start(...args),
  ) {
    this.voice = new VoiceController(() => this.client, config.livekitServiceUrl);
    const client = () => this.client;
    this.servers = new ServerActions(client, this.rooms);
    this.directs = new DirectActions(client);
    this.messages = new MessageActions(client, this.rooms, () => this.servers.inviteVia());
    this.settings = new SettingsActions(client, {
      session: this.session,
      rooms: this.rooms,
      voice: this.voice.store,
    });
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
        this.messages.dispose();
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
}
