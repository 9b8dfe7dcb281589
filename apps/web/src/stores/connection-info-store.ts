import { createStore } from 'zustand/vanilla';
import type { ConnectionFigures, ServerLocation } from '../core/call/connection-stats';

/**
 * The connection info panel's live figures, apart from the voice store: they change every
 * second while the panel is open, and only the panel reads them.
 */
export interface ConnectionInfo {
  /** Stats are being read (the panel is open). */
  watching: boolean;
  /** The latest figures; undefined before the first reading or while not connected. */
  figures: ConnectionFigures | undefined;
  server: ServerLocation | undefined;
  /** Readings taken since the panel opened. */
  readings: number;
}

export const IDLE_CONNECTION_INFO: ConnectionInfo = {
  watching: false,
  figures: undefined,
  server: undefined,
  readings: 0,
};

export const createConnectionInfoStore = () =>
  createStore<ConnectionInfo>()(() => IDLE_CONNECTION_INFO);

export type ConnectionInfoStoreApi = ReturnType<typeof createConnectionInfoStore>;
