import { ClientEvent, SyncState, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { CryptoEvent } from 'matrix-js-sdk/lib/crypto-api';
import type { SecurityOverview, SecurityStoreApi } from '../../stores/security-store';

/** What the crypto says about this device and account, read in one go. */
export interface SecurityFacts {
  /** The account has published a cross-signing identity. */
  accountHasIdentity: boolean;
  /** This device is signed by that identity, and we trust it. */
  deviceVerified: boolean;
  /** Secret storage has a default key and holds the cross-signing keys. */
  crossSigningInSecretStorage: boolean;
  /** Secret storage holds every secret it should (cross-signing keys and the backup key). */
  secretStorageReady: boolean;
  /** The key backup this device uploads its room keys to, if any. */
  activeBackupVersion: string | null;
}

/** How HAOS presents the facts: one state, for the dialog, the banner and the shield. */
export function overviewFrom(facts: SecurityFacts): SecurityOverview {
  if (facts.accountHasIdentity && !facts.deviceVerified)
    return { kind: 'unverified', recoveryAvailable: facts.crossSigningInSecretStorage };
  if (!facts.secretStorageReady || facts.activeBackupVersion === null)
    return {
      kind: 'not-set-up',
      deviceVerified: facts.deviceVerified,
      accountHasIdentity: facts.accountHasIdentity,
    };
  return { kind: 'secure', backupVersion: facts.activeBackupVersion };
}

/**
 * Reads the facts from the client's crypto. Only a `fresh` read asks the homeserver for the
 * account's identity (/keys/query); later reads use what the crypto already knows, which it keeps
 * current from sync. A query racing with a reset of the identity would make the crypto drop the
 * new private keys it is about to upload.
 */
export async function readSecurityFacts(
  client: MatrixClient,
  fresh = false,
): Promise<SecurityFacts> {
  const crypto = client.getCrypto();
  if (!crypto) throw new Error('End-to-end encryption is not available on this device.');
  const userId = client.getSafeUserId();
  const deviceId = client.getDeviceId() ?? '';
  const [accountHasIdentity, device, crossSigning, secretStorage, activeBackupVersion] =
    await Promise.all([
      fresh
        ? crypto.userHasCrossSigningKeys(userId, true)
        : crypto.getUserVerificationStatus(userId).then((status) => status.known),
      crypto.getDeviceVerificationStatus(userId, deviceId),
      crypto.getCrossSigningStatus(),
      crypto.getSecretStorageStatus(),
      crypto.getActiveSessionBackupVersion(),
    ]);
  return {
    accountHasIdentity,
    deviceVerified: device?.crossSigningVerified === true,
    crossSigningInSecretStorage:
      secretStorage.defaultKeyId !== null && crossSigning.privateKeysInSecretStorage,
    secretStorageReady: secretStorage.ready,
    activeBackupVersion,
  };
}

/** Secret storage lives in account data: these types change what recovery looks like. */
const isSecretStorageEvent = (event: MatrixEvent) =>
  /^m\.(secret_storage\.|cross_signing\.|megolm_backup\.)/.test(event.getType());

/**
 * Keeps the security overview (and this device's name) current: after the first sync, and
 * whenever the crypto reports a change of keys, trust, devices or key backup, or secret storage
 * changes in account data. Checks are coalesced, and a check that is overtaken is dropped.
 * Returns the function that unbinds.
 */
export function bindSecurity(client: MatrixClient, store: SecurityStoreApi): () => void {
  let run = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let first = true;
  const check = async () => {
    const mine = ++run;
    const fresh = first;
    first = false;
    try {
      const facts = await readSecurityFacts(client, fresh);
      if (stopped || mine !== run) return;
      store.setState({ overview: overviewFrom(facts) });
    } catch {
      // Crypto busy or client stopping: the next event checks again.
    }
  };
  const schedule = () => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void check();
    }, 50);
  };
  const loadDeviceName = async () => {
    const deviceId = client.getDeviceId();
    if (!deviceId) return;
    try {
      const device = await client.getDevice(deviceId);
      if (!stopped) store.setState({ deviceName: device.display_name ?? undefined });
    } catch {
      // The name is a nicety; the ID is shown anyway.
    }
  };
  const onSync = (state: SyncState) => {
    if (state !== SyncState.Prepared) return;
    schedule();
    void loadDeviceName();
  };
  const onAccountData = (event: MatrixEvent) => {
    if (isSecretStorageEvent(event)) schedule();
  };
  const cryptoEvents = [
    CryptoEvent.KeysChanged,
    CryptoEvent.UserTrustStatusChanged,
    CryptoEvent.DevicesUpdated,
    CryptoEvent.KeyBackupStatus,
    CryptoEvent.KeyBackupDecryptionKeyCached,
  ] as const;
  client.on(ClientEvent.Sync, onSync);
  client.on(ClientEvent.AccountData, onAccountData);
  for (const name of cryptoEvents) client.on(name as CryptoEvent.KeysChanged, schedule);
  if (client.isInitialSyncComplete()) onSync(SyncState.Prepared);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    client.off(ClientEvent.Sync, onSync);
    client.off(ClientEvent.AccountData, onAccountData);
    for (const name of cryptoEvents) client.off(name as CryptoEvent.KeysChanged, schedule);
  };
}

/** Checks again now (after this device changed something itself). */
export async function refreshSecurity(client: MatrixClient, store: SecurityStoreApi) {
  store.setState({ overview: overviewFrom(await readSecurityFacts(client)) });
}
