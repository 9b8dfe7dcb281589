import { createStore } from 'zustand/vanilla';

/** Where the person is with signing in. */
export type AuthState =
  | { status: 'restoring' }
  | { status: 'signed-out'; notice?: string }
  /**
   * A saved session HAOS could not resume, kept as it is until the person chooses: try again,
   * or sign in again (which forgets it). Never shown as a plain sign-in screen.
   */
  | { status: 'problem'; problem: SessionProblem }
  | { status: 'signed-in'; userId: string; deviceId: string; homeserverUrl: string };

/** Why a saved session could not be resumed: a stable code, and sentences for people. */
export interface SessionProblem {
  code: 'STORAGE_UNAVAILABLE' | 'SESSION_UNREADABLE' | 'START_FAILED';
  /** What happened. */
  message: string;
}

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
