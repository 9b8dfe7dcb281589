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

  /** The stored session, or undefined when there is none or it cannot be decrypted. */
  async load(): Promise<StoredSession | undefined> {
    const key = await get<CryptoKey>(KEY_NAME, this.store);
    const blob = await get<{ iv: Uint8Array; ciphertext: ArrayBuffer }>(BLOB_NAME, this.store);
    if (!key || !blob) return undefined;
    try {
      const plaintext = await this.crypto.decrypt(
        { name: 'AES-GCM', iv: blob.iv as BufferSource },
        key,
        blob.ciphertext,
      );
      return JSON.parse(new TextDecoder().decode(plaintext)) as StoredSession;
    } catch {
      return undefined;
    }
  }

  /** Forgets the session and the key. */
  async clear(): Promise<void> {
    await del(BLOB_NAME, this.store);
    await del(KEY_NAME, this.store);
  }
}
