import type { RunningStack } from '../src/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The isolated stack the integration global setup started. */
    stack: {
      urls: RunningStack['urls'];
      serverName: string;
      livekit: RunningStack['livekit'];
      registrationSharedSecret: string;
      /** The instance folder (logs/ holds each service's log). */
      dir: string;
      adminToken: string;
      appservice: RunningStack['appservice'];
    };
  }
}
