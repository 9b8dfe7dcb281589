import { createStore } from 'zustand/vanilla';

/** A room a server lists that HAOS did not join by itself: the person may join it with a click. */
export interface OfferedRoom {
  id: string;
  /** As the room names itself (the homeserver's room summary); shown as text only. */
  name: string;
  kind: 'text' | 'voice';
  via: string[];
}

export interface OfferedRoomsStore {
  /** Per server (space ID), in the server's order. */
  bySpace: Record<string, OfferedRoom[]>;
}

export const createOfferedRoomsStore = () =>
  createStore<OfferedRoomsStore>()(() => ({ bySpace: {} }));

export type OfferedRoomsStoreApi = ReturnType<typeof createOfferedRoomsStore>;
