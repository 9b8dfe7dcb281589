import type { CryptoCallbacks } from 'matrix-js-sdk/lib/crypto-api';

/**
 * Holds the secret storage key (the recovery key, decoded) for as long as one operation needs
 * it: setting up recovery, or unlocking it on a new device. The SDK may ask for the key several
 * times in a row; it gets it from here. `forget` drops it (and zeroes the bytes) when the
 * operation ends, so the key does not linger in memory. Nothing here is ever logged or stored.
 */
export class SecretStorageKeys {
  private held: { keyId: string; key: Uint8Array<ArrayBuffer> } | undefined;

  remember(keyId: string, key: Uint8Array<ArrayBuffer>): void {
    this.forget();
    this.held = { keyId, key: new Uint8Array(key) };
  }

  forget(): void {
    this.held?.key.fill(0);
    this.held = undefined;
  }

  /** The callbacks to give createClient. */
  callbacks(): CryptoCallbacks {
    return {
      getSecretStorageKey: ({ keys }) => {
        const held = this.held;
        if (!held || !(held.keyId in keys)) return Promise.resolve(null);
        return Promise.resolve([held.keyId, new Uint8Array(held.key)]);
      },
      cacheSecretStorageKey: (keyId, _info, key) => this.remember(keyId, key),
    };
  }
}
