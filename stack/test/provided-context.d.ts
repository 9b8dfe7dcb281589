import type { RunningStack } from '../src/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The isolated stack the integration global setup started. */
    stack: {
      urls: RunningStack['urls'];
      serverName: string;
      livekit: RunningStack['livekit'];
      registrationSharedSecret: string;
    };
  }
}
