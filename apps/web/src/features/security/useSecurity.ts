import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import type { SecurityStore } from '../../stores/security-store';

/** Reads a slice of the security store; re-renders only when that slice changes. */
export function useSecurity<T>(select: (state: SecurityStore) => T): T {
  return useStore(useController().encryption.store, select);
}
