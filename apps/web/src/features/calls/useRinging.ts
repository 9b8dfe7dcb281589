import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import type { RingStore } from '../../stores/ring-store';

/** Reads a slice of the ringing store (DM calls ringing, declined, missed). */
export function useRinging<T>(select: (state: RingStore) => T): T {
  return useStore(useController().ringing.store, select);
}
