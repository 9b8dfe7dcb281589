import { useStore } from 'zustand';
import { useController } from '../../app/ControllerContext';
import type { RoomsStore } from '../../stores/rooms-store';

/** Reads a slice of the rooms snapshot; re-renders only when that slice changes. */
export function useRooms<T>(select: (state: RoomsStore) => T): T {
  return useStore(useController().rooms, select);
}
