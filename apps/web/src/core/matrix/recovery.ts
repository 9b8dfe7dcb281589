import type { MatrixClient } from 'matrix-js-sdk';
import {
  ImportRoomKeyStage,
  type CryptoApi,
  type GeneratedSecretStorageKey,
} from 'matrix-js-sdk/lib/crypto-api';
import { parseRecoveryKey } from './recovery-key';
import type { SecretStorageKeys } from './secret-storage-keys';
import { SecurityError, securityMessages, toSecurityError } from './security-errors';
import { passwordAuth } from './uia';

function cryptoOf(client: MatrixClient): CryptoApi {
  const crypto = client.getCrypto();
  if (!crypto) throw new SecurityError('UNKNOWN', 'End-to-end encryption is not available here.');
  return crypto;
}

/** A fresh random recovery key (nothing is uploaded until setUpRecovery). */
export function generateRecoveryKey(client: MatrixClient): Promise<GeneratedSecretStorageKey> {
  return cryptoOf(client).createRecoveryKeyFromPassphrase();
}

/** True when this device holds a decryption key that matches the server's current key backup. */
async function haveUsableBackup(crypto: CryptoApi): Promise<boolean> {
  const check = await crypto.checkKeyBackupAndEnable();
  if (!check?.trustInfo.matchesDecryptionKey) return false;
  return (await crypto.getSessionBackupPrivateKey()) !== null;
}

export interface SetUpRecoveryOptions {
  /** The account password, when the homeserver asks for it (see passwordAuth). */
  password?: string;
  /**
   * Start over: a new cross-signing identity, backup and secret storage (when this device cannot
   * be verified: recovery key and other devices lost). Needs the password, given up front,
   * because it deletes the old backup before the homeserver asks for it.
   */
  resetIdentity?: boolean;
}

/**
 * Sets up recovery with the key the person saved: cross-signing (created, or kept when this
 * device already has it), secret storage under the recovery key holding the cross-signing keys,
 * and a server-side key backup whose key is in secret storage too. Afterwards, the recovery key
 * alone unlocks everything on a new device. Safe to run again after a failure.
 */
export async function setUpRecovery(
  client: MatrixClient,
  keys: SecretStorageKeys,
  recoveryKey: GeneratedSecretStorageKey,
  options: SetUpRecoveryOptions = {},
): Promise<void> {
  const crypto = cryptoOf(client);
  const auth = passwordAuth(client.getSafeUserId(), options.password);
  const createSecretStorageKey = () => Promise.resolve(recoveryKey);
  try {
    if (options.resetIdentity) {
      // Deletes the old backup and secret storage, makes a new identity (the homeserver asks for
      // the password to replace one) and a new backup; then secret storage under the new key.
      await crypto.resetEncryption(auth);
      await crypto.bootstrapSecretStorage({ createSecretStorageKey, setupNewSecretStorage: true });
    } else {
      await crypto.bootstrapCrossSigning({ authUploadDeviceSigningKeys: auth });
      const keepBackup = await haveUsableBackup(crypto);
      await crypto.bootstrapSecretStorage({
        createSecretStorageKey,
        setupNewSecretStorage: true,
        setupNewKeyBackup: !keepBackup,
      });
    }
    await crypto.checkKeyBackupAndEnable();
  } catch (error) {
    throw toSecurityError(error);
  } finally {
    keys.forget();
  }
}

/** How far restoring from the key backup has got. */
export type RestoreProgress = { done: number; total: number };

/**
 * Unlocks recovery on this device with the recovery key: checks the key against the account's
 * secret storage, takes the cross-signing keys from it (this device becomes verified), loads the
 * backup key, and restores room keys from the backup so older messages become readable.
 */
export async function recoverWithKey(
  client: MatrixClient,
  keys: SecretStorageKeys,
  input: string,
  onProgress: (progress: RestoreProgress) => void = () => undefined,
): Promise<void> {
  const crypto = cryptoOf(client);
  const key = parseRecoveryKey(input);
  try {
    const keyId = await client.secretStorage.getDefaultKeyId();
    const stored = keyId ? await client.secretStorage.getKey(keyId) : null;
    const crossSigning = await crypto.getCrossSigningStatus();
    if (!keyId || !stored || !crossSigning.privateKeysInSecretStorage)
      throw new SecurityError('NO_RECOVERY', securityMessages.NO_RECOVERY);
    if (!(await client.secretStorage.checkKey(key, stored[1])))
      throw new SecurityError('RECOVERY_KEY_WRONG', securityMessages.RECOVERY_KEY_WRONG);
    keys.remember(keyId, key);
    // With the private keys in secret storage and none on this device, this imports them and
    // signs this device: it never creates a new identity here.
    await crypto.bootstrapCrossSigning({});
    if (await client.secretStorage.isStored('m.megolm_backup.v1')) {
      await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
      await crypto.checkKeyBackupAndEnable();
      await crypto.restoreKeyBackup({
        progressCallback: (p) => {
          if (p.stage === ImportRoomKeyStage.LoadKeys)
            onProgress({ done: p.successes + p.failures, total: p.total });
        },
      });
    }
  } catch (error) {
    throw toSecurityError(error);
  } finally {
    keys.forget();
    key.fill(0);
  }
}
