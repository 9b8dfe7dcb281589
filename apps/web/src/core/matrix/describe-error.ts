import { ConnectionError, MatrixError } from 'matrix-js-sdk';

/** A sentence a person can act on, for a failed Matrix request doing `action`. */
export function describeMatrixError(error: unknown, action: string): string {
  if (error instanceof ConnectionError)
    return `Couldn't ${action}: the homeserver can't be reached. Try again when you're back online.`;
  if (error instanceof MatrixError) {
    switch (error.errcode) {
      case 'M_FORBIDDEN':
        return `You can't ${action}: ${error.error ?? 'not allowed'}.`;
      case 'M_NOT_FOUND':
        return `Couldn't ${action}: it doesn't exist, or your homeserver can't find it.`;
      case 'M_LIMIT_EXCEEDED':
        return `Couldn't ${action}: too many requests. Wait a moment and try again.`;
      default:
        return `Couldn't ${action}: ${error.error ?? error.message}`;
    }
  }
  return `Couldn't ${action}: ${error instanceof Error ? error.message : String(error)}`;
}
