import { createStore } from 'zustand/vanilla';

/** The call popped out into a Document Picture-in-Picture window, while it is open. */
export interface PopoutStore {
  window: Window | undefined;
}

export const createPopoutStore = () => createStore<PopoutStore>()(() => ({ window: undefined }));

export type PopoutStoreApi = ReturnType<typeof createPopoutStore>;
