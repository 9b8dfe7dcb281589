import type { MatrixClient } from 'matrix-js-sdk';
import { AuthError } from '../matrix/auth-errors';

/** Where the action modules get the signed-in client: undefined while signed out. */
export type ClientSource = () => MatrixClient | undefined;

/** The signed-in client, or the one "not signed in" error every action gives. */
export function requireClient(source: ClientSource): MatrixClient {
  const client = source();
  if (!client) throw new AuthError('UNKNOWN', 'Not signed in');
  return client;
}
