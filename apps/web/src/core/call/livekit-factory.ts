import { Room, type RoomOptions } from 'livekit-client';
import E2EEWorker from 'livekit-client/e2ee-worker?worker';

/** The production LiveKit pieces; CallSession takes them injected so tests can swap them. */
export const livekitFactory = {
  createRoom: (options: RoomOptions) => new Room(options),
  /** One E2EE worker per LiveKit Room, served from our own origin (CSP: worker-src 'self'). */
  createE2EEWorker: (): Worker => new E2EEWorker(),
};

export type LivekitFactory = typeof livekitFactory;
