import type { GeneratedSecretStorageKey } from 'matrix-js-sdk/lib/crypto-api';
import { createSecurityStore, type SecurityStoreApi } from '../../stores/security-store';
import type { MatrixSession } from './matrix-session';
import type { RestoreProgress, SetUpRecoveryOptions } from './recovery';
import { SecurityError, toSecurityError } from './security-errors';
import { refreshSecurity } from './security-status';

/** Recovery code (and the recovery key codec) loads when first used, not with the first screen. */
const loadRecovery = () => import('./recovery');

/**
 * The encryption side of the app: recovery (secret storage + key backup), unlocking it on a new
 * device, and emoji verification between your devices. Free of React; state lives in `store`.
 */
export class EncryptionController {
  readonly store: SecurityStoreApi = createSecurityStore();
  /** The recovery key being shown to the person, until it is set up or discarded. */
  private pendingKey: GeneratedSecretStorageKey | undefined;

  constructor(private readonly getSession: () => MatrixSession | undefined) {}

  private session(): MatrixSession {
    const session = this.getSession();
    if (!session) throw new SecurityError('UNKNOWN', 'Not signed in.');
    return session;
  }

  openDialog(): void {
    this.store.setState({ dialogOpen: true });
  }

  closeDialog(): void {
    this.discardRecoveryKey();
    this.store.setState({ dialogOpen: false });
  }

  /** "Skip" on the verify-this-device banner: hidden for this session. */
  skip(): void {
    this.store.setState({ skipped: true });
  }

  /** A new recovery key to show (once) and have the person save; returns its readable form. */
  async newRecoveryKey(): Promise<string> {
    const { generateRecoveryKey } = await loadRecovery();
    const generated = await generateRecoveryKey(this.session().client);
    this.discardRecoveryKey();
    this.pendingKey = generated;
    if (!generated.encodedPrivateKey) throw new SecurityError('UNKNOWN', 'No recovery key made.');
    return generated.encodedPrivateKey;
  }

  discardRecoveryKey(): void {
    this.pendingKey?.privateKey.fill(0);
    this.pendingKey = undefined;
  }

  /** Sets up recovery with the key from newRecoveryKey (which the person said they saved). */
  async setUpRecovery(options: SetUpRecoveryOptions = {}): Promise<void> {
    const session = this.session();
    const key = this.pendingKey;
    if (!key) throw new SecurityError('UNKNOWN', 'Make a recovery key first.');
    const { setUpRecovery } = await loadRecovery();
    // setUpRecovery zeroes what the SDK caches, not the key we hold: keep it for a retry.
    await setUpRecovery(session.client, session.secretKeys, key, options);
    this.discardRecoveryKey();
    await refreshSecurity(session.client, this.store).catch(() => undefined);
  }

  /** Verifies this device with the recovery key and restores message keys from the backup. */
  async recover(input: string, onProgress?: (progress: RestoreProgress) => void): Promise<void> {
    const session = this.session();
    const { recoverWithKey } = await loadRecovery();
    await recoverWithKey(session.client, session.secretKeys, input, onProgress);
    await refreshSecurity(session.client, this.store).catch(() => undefined);
  }

  /** Asks your other devices to verify this one by emoji; the dialog gives way to the flow. */
  async verifyWithOtherDevice(): Promise<void> {
    try {
      await this.session().verification.requestFromOtherDevice();
    } catch (error) {
      throw toSecurityError(error);
    }
    this.store.setState({ dialogOpen: false });
  }

  acceptVerification(): Promise<void> {
    return this.session().verification.accept();
  }

  cancelVerification(): Promise<void> {
    return this.session().verification.cancel();
  }

  confirmEmoji(): Promise<void> {
    return this.session().verification.confirm();
  }

  rejectEmoji(): void {
    this.session().verification.mismatch();
  }

  dismissVerification(): Promise<void> {
    return this.getSession()?.verification.dismiss() ?? Promise.resolve();
  }

  /** On sign-out: forget everything about the old session. */
  reset(): void {
    this.discardRecoveryKey();
    this.store.setState(createSecurityStore().getState(), true);
  }
}
