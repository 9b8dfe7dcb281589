import { decodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api';
import { SecurityError, securityMessages } from './security-errors';

/**
 * What a person typed or pasted as a recovery key, without the spacing it was shown with:
 * spaces, line breaks, tabs, non-breaking spaces and dashes are dropped.
 */
export function normaliseRecoveryKey(input: string): string {
  return input.replace(/[\s\u00a0\u2000-\u200b\u202f\u2060\ufeff-]+/g, '');
}

/** Decodes a recovery key; throws RECOVERY_KEY_MALFORMED when it is not one. */
export function parseRecoveryKey(input: string): Uint8Array<ArrayBuffer> {
  const key = normaliseRecoveryKey(input);
  if (key === '')
    throw new SecurityError('RECOVERY_KEY_MALFORMED', securityMessages.RECOVERY_KEY_MALFORMED);
  try {
    return decodeRecoveryKey(key);
  } catch {
    // Bad characters, parity or length: not a recovery key at all (as opposed to a wrong one).
    throw new SecurityError('RECOVERY_KEY_MALFORMED', securityMessages.RECOVERY_KEY_MALFORMED);
  }
}
