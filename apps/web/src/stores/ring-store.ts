import { createStore } from 'zustand/vanilla';
import type { RingState } from '../core/call/ringing';
import type { CallError } from './voice-store';

/** Calls ringing for you or ringing someone else (DM calls), and the last thing that failed. */
export interface RingStore extends RingState {
  error: CallError | undefined;
}

export const createRingStore = () =>
  createStore<RingStore>()(() => ({
    outgoing: undefined,
    incoming: [],
    missed: [],
    error: undefined,
  }));

export type RingStoreApi = ReturnType<typeof createRingStore>;
