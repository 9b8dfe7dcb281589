import { createStore } from 'zustand/vanilla';

/**
 * Your microphone's live level, apart from the voice store: it changes many times a second, and
 * only the level meter reads it.
 */
export interface MicLevel {
  /** Measured now, dBFS (-100 = nothing). */
  levelDb: number;
  /** The voice activity threshold in use (yours, or the automatic one), dBFS. */
  thresholdDb: number;
  /** A microphone is being measured (in a call, or the settings' test). */
  live: boolean;
}

export const createMicLevelStore = () =>
  createStore<MicLevel>()(() => ({ levelDb: -100, thresholdDb: -60, live: false }));

export type MicLevelStoreApi = ReturnType<typeof createMicLevelStore>;
