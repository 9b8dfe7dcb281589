import { ConnectionError, MatrixError } from 'matrix-js-sdk';

/** Stable codes for what can go wrong setting up recovery or verifying this device. */
export type SecurityErrorCode =
  | 'RECOVERY_KEY_MALFORMED'
  | 'RECOVERY_KEY_WRONG'
  | 'NO_RECOVERY'
  | 'PASSWORD_NEEDED'
  | 'WRONG_PASSWORD'
  | 'UNSUPPORTED_AUTH'
  | 'UNREACHABLE'
  | 'RATE_LIMITED'
  | 'UNKNOWN';

export class SecurityError extends Error {
  constructor(
    readonly code: SecurityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecurityError';
  }
}

export const securityMessages = {
  RECOVERY_KEY_MALFORMED:
    "That doesn't look like a recovery key. It is 48 letters and digits in groups of four, starting with Es.",
  RECOVERY_KEY_WRONG: 'That recovery key is not right. Check it and try again.',
  NO_RECOVERY:
    'Your account has no recovery set up. Verify this device with another signed-in device instead.',
  PASSWORD_NEEDED: 'Enter your account password to confirm.',
  WRONG_PASSWORD: 'That password is not right.',
  UNSUPPORTED_AUTH:
    'Your homeserver asks for a confirmation HAOS cannot do (not a password). Use its own client for this step.',
  UNREACHABLE: "The homeserver can't be reached. Try again when you're back online.",
  RATE_LIMITED: 'Too many attempts. Wait a moment and try again.',
} as const satisfies Partial<Record<SecurityErrorCode, string>>;

/** Turns whatever the SDK threw into a SecurityError with a stable code and a sentence. */
export function toSecurityError(error: unknown): SecurityError {
  if (error instanceof SecurityError) return error;
  if (
    error instanceof ConnectionError ||
    (error instanceof TypeError && /fetch|network/i.test(error.message))
  )
    return new SecurityError('UNREACHABLE', securityMessages.UNREACHABLE);
  if (error instanceof MatrixError) {
    if (error.errcode === 'M_LIMIT_EXCEEDED')
      return new SecurityError('RATE_LIMITED', securityMessages.RATE_LIMITED);
    // A user-interactive auth step that failed: the password was refused.
    if (error.httpStatus === 401 && error.errcode === 'M_FORBIDDEN')
      return new SecurityError('WRONG_PASSWORD', securityMessages.WRONG_PASSWORD);
    return new SecurityError('UNKNOWN', error.error ?? error.message);
  }
  return new SecurityError('UNKNOWN', error instanceof Error ? error.message : String(error));
}
