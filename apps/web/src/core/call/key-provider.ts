import { BaseKeyProvider } from 'livekit-client';

/**
 * Feeds LiveKit's E2EE with the per-participant media keys MatrixRTC exchanges over Olm
 * to-device messages. Keys are HKDF base keys; LiveKit derives and ratchets frame keys from them.
 */
export class MatrixKeyProvider extends BaseKeyProvider {
  constructor() {
    super({ ratchetWindowSize: 10, keyringSize: 256 });
  }

  async setKey(key: Uint8Array, index: number, identity: string): Promise<void> {
    const material = await crypto.subtle.importKey(
      'raw',
      key as Uint8Array<ArrayBuffer>,
      'HKDF',
      false,
      ['deriveBits', 'deriveKey'],
    );
    this.onSetEncryptionKey(material, identity, index);
  }
}
