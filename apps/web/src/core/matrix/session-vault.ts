import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** What HAOS keeps to resume a session after a reload. */
export interface StoredSession {
  homeserverUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  /** Key for the Rust crypto store, generated at sign-in. */
  cryptoStorageKey: string;
}

/** What the vault holds; see SessionVault.load. */
export type VaultContents =
  | { status: 'empty' }
  | { status: 'found'; session: StoredSession }
  | { status: 'unreadable'; reason: string };

function isStoredSession(value: Partial<StoredSession> | null): value is StoredSession {
  return (
    value !== null &&
    typeof value === 'object' &&
    (['homeserverUrl', 'userId', 'deviceId', 'accessToken', 'cryptoStorageKey'] as const).every(
      (k) => typeof value[k] === 'string' && value[k] !== '',
    )
  );
}

const KEY_NAME = 'session-key';
const BLOB_NAME = 'session';

/**
 * Keeps the session encrypted at rest, as Element Web does: an AES-GCM key generated as
 * non-extractable lives in IndexedDB (the browser stores the key object, script can use it but
 * never read it), and only the ciphertext of the session sits beside it.
 */
export class SessionVault {
  private readonly store: UseStore;

  constructor(
    dbName = 'haos-session',
    private readonly crypto: SubtleCrypto = globalThis.crypto.subtle,
  ) {
    this.store = createStore(dbName, 'vault');
  }

  async save(session: StoredSession): Promise<void> {
    let key = await get<CryptoKey>(KEY_NAME, this.store);
    if (!key) {
      key = await this.crypto.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ]);
      await set(KEY_NAME, key, this.store);
    }
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const plaintext = new TextEncoder().encode(JSON.stringify(session));
    const ciphertext = await this.crypto.encrypt({ name: 'AES-GCM', iv }, key, plaintext);
    await set(BLOB_NAME, { iv, ciphertext }, this.store);
  }

  /**
   * What the vault holds: nothing, a session, or a session it cannot read (the key is gone, or
   * the ciphertext does not decrypt), which is never mistaken for "no session". Storage that
   * cannot be opened at all throws (the caller says so; nothing is deleted).
   */
  async load(): Promise<VaultContents> {
    const key = await get<CryptoKey>(KEY_NAME, this.store);
    const blob = await get<{ iv: Uint8Array; ciphertext: ArrayBuffer }>(BLOB_NAME, this.store);
    if (!blob) return { status: 'empty' };
    if (!key)
      return {
        status: 'unreadable',
        reason: 'the key that unlocks it is missing from this browser',
      };
    let plaintext: ArrayBuffer;
    try {
      plaintext = await this.crypto.decrypt(
        { name: 'AES-GCM', iv: blob.iv as BufferSource },
        key,
        blob.ciphertext,
      );
    } catch {
      return { status: 'unreadable', reason: "it could not be decrypted with this browser's key" };
    }
    try {
      const session = JSON.parse(new TextDecoder().decode(plaintext)) as Partial<StoredSession>;
      if (isStoredSession(session)) return { status: 'found', session };
    } catch {
      // Falls through: not a session.
    }
    return { status: 'unreadable', reason: 'what it holds is not a session HAOS understands' };
  }

  /** Forgets the session and the key. */
  async clear(): Promise<void> {
    await del(BLOB_NAME, this.store);
    await del(KEY_NAME, this.store);
  }
}
