import type { ActiveCall } from '../stores/voice-store';

/** A call in the voice store for tests: connected, nothing on, with what the test changes. */
export const activeCall = (patch: Partial<ActiveCall> = {}): ActiveCall => ({
  id: 'c1',
  roomId: '!room:x',
  phase: 'connected',
  error: undefined,
  encrypted: false,
  e2eeActive: false,
  pingMs: undefined,
  quality: 'unknown',
  mic: 'ok',
  camera: { status: 'off' },
  share: { status: 'off' },
  ...patch,
});
