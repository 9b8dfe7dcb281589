import { createStore } from 'zustand/vanilla';

/** Where the person is with signing in. */
export type AuthState =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'signed-in'; userId: string; deviceId: string; homeserverUrl: string };

/** The live link to the homeserver, as the sync loop reports it. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline';

/** The status you chose for yourself. */
export type OwnStatus = 'online' | 'idle' | 'dnd' | 'invisible';

export interface SessionStore {
  auth: AuthState;
  connection: ConnectionState;
  status: OwnStatus;
}

export const createSessionStore = () =>
  createStore<SessionStore>()(() => ({
    auth: { status: 'restoring' },
    connection: 'connecting',
    status: 'online',
  }));

export type SessionStoreApi = ReturnType<typeof createSessionStore>;
