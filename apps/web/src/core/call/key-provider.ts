import { BaseKeyProvider } from 'livekit-client';
import { MatrixRTCSessionEvent, type MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';

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

/** Feeds the keys MatrixRTC receives to LiveKit; returns the unbinding. */
export function bindKeys(rtc: MatrixRTCSession, keys: MatrixKeyProvider): () => void {
  const onKey = (key: Uint8Array, index: number, _member: unknown, identity: string) => {
    void keys.setKey(key, index, identity);
  };
  rtc.on(MatrixRTCSessionEvent.EncryptionKeyChanged, onKey);
  return () => rtc.off(MatrixRTCSessionEvent.EncryptionKeyChanged, onKey);
}
