import { useStore } from 'zustand';
import type { AuthState, ConnectionState } from '../stores/session-store';
import { useController } from './ControllerContext';

export function useAuth(): AuthState {
  return useStore(useController().session, (s) => s.auth);
}

export function useConnection(): ConnectionState {
  return useStore(useController().session, (s) => s.connection);
}
