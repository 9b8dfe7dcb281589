import { AuthError } from './matrix/auth-errors';
import type { MatrixSession } from './matrix/matrix-session';
import type { SessionVault, StoredSession, VaultContents } from './matrix/session-vault';
import type { SessionProblem, SessionStoreApi } from '../stores/session-store';
import { endedNotice, forgottenNotice, problemText } from './session-notices';

/** What the app does around a session's start and end (voice, rings, timelines, stores). */
export interface LifecycleHost {
  /** Starts the Matrix session; `onLoggedOut` when the homeserver ends it. */
  start(stored: StoredSession, onLoggedOut: () => void): Promise<MatrixSession>;
  started(stored: StoredSession, matrix: MatrixSession): void;
  /** Before the client stops (leave the call while it still can). */
  stopping(): Promise<void>;
  /** After the session's local traces are gone. */
  cleared(): void;
}

/**
 * The one place a session begins and ends: resumed from the vault, signed in, signed out, or
 * ended by the homeserver. A session is never dropped without the person's word or a reason
 * they are told (auth status 'problem', or a notice on the sign-in screen).
 */
export class SessionLifecycle {
  matrix: MatrixSession | undefined;
  /** The restore in flight, so that a second call joins it (see restore). */
  private restoring: Promise<void> | undefined;
  /** Signing out (or being signed out) in flight; once at a time. */
  private ending: Promise<void> | undefined;

  constructor(
    private readonly session: SessionStoreApi,
    private readonly vault: SessionVault,
    private readonly host: LifecycleHost,
  ) {}

  /**
   * Resumes the stored session, if any. Idempotent: a second call while one runs (React's
   * StrictMode runs effects twice in development) joins it, and none starts a second session on
   * the same crypto store. A session that cannot be resumed is kept, and the person is told why.
   */
  restore(): Promise<void> {
    this.restoring ??= this.resume().finally(() => {
      this.restoring = undefined;
    });
    return this.restoring;
  }

  private async resume(): Promise<void> {
    if (this.matrix) return;
    let contents: VaultContents;
    try {
      contents = await this.vault.load();
    } catch (error) {
      this.problem({ code: 'STORAGE_UNAVAILABLE', message: problemText.storage(error) });
      return;
    }
    if (contents.status === 'empty') this.session.setState({ auth: { status: 'signed-out' } });
    else if (contents.status === 'unreadable')
      this.problem({
        code: 'SESSION_UNREADABLE',
        message: problemText.unreadable(contents.reason),
      });
    else await this.begin(contents.session);
  }

  private problem(problem: SessionProblem): void {
    this.session.setState({ auth: { status: 'problem', problem } });
  }

  retryRestore(): Promise<void> {
    this.session.setState({ auth: { status: 'restoring' } });
    return this.restore();
  }

  async forgetSession(): Promise<void> {
    await this.vault.clear().catch(() => undefined);
    this.session.setState({ auth: { status: 'signed-out', notice: forgottenNotice } });
  }

  /** Starts a session: one just signed in (`fresh`, saved first) or one from the vault. */
  async begin(stored: StoredSession, fresh = false): Promise<void> {
    if (this.matrix) return;
    if (fresh) {
      try {
        await this.vault.save(stored);
      } catch (error) {
        throw new AuthError('STORAGE_UNAVAILABLE', problemText.storage(error));
      }
    }
    let matrix: MatrixSession;
    try {
      matrix = await this.host.start(
        stored,
        () => void this.endedByHomeserver(stored.homeserverUrl),
      );
    } catch (error) {
      if (!fresh) {
        // The saved session stays: the next try may work (another tab let go of the store).
        this.problem({ code: 'START_FAILED', message: problemText.startFailed(error) });
        return;
      }
      await this.vault.clear().catch(() => undefined);
      this.session.setState({
        auth: {
          status: 'signed-out',
          notice: `You are signed in, but this browser could not start encryption: ${(error as Error).message}`,
        },
      });
      return;
    }
    this.matrix = matrix;
    this.session.setState({
      auth: {
        status: 'signed-in',
        userId: stored.userId,
        deviceId: stored.deviceId,
        homeserverUrl: stored.homeserverUrl,
      },
    });
    this.host.started(stored, matrix);
  }

  /**
   * The homeserver no longer knows this session (signed out from another device, the device
   * deleted, an admin): its local traces go, and the sign-in screen says what happened.
   */
  private async endedByHomeserver(homeserverUrl: string): Promise<void> {
    if (!this.matrix || this.ending) return;
    await this.end(false);
    this.signedOut(endedNotice(homeserverUrl));
  }

  async signOut(): Promise<void> {
    await this.end(true);
    this.signedOut();
  }

  private signedOut(notice?: string): void {
    this.session.setState({
      auth: notice ? { status: 'signed-out', notice } : { status: 'signed-out' },
      connection: 'connecting',
      status: 'online',
    });
  }

  /** Stops everything of the session and clears its local traces (and its server side). */
  private end(onServer: boolean): Promise<void> {
    this.ending ??= this.endNow(onServer).finally(() => {
      this.ending = undefined;
    });
    return this.ending;
  }

  private async endNow(onServer: boolean): Promise<void> {
    await this.host.stopping();
    const matrix = this.matrix;
    this.matrix = undefined;
    await (onServer ? matrix?.signOut() : matrix?.discard());
    await this.vault.clear();
    this.host.cleared();
  }
}
