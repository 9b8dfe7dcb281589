import { ConnectionError, MatrixError } from 'matrix-js-sdk';

/** Stable codes for what can go wrong signing in or creating an account. */
export type AuthErrorCode =
  | 'WRONG_PASSWORD'
  | 'UNREACHABLE'
  | 'NOT_A_HOMESERVER'
  | 'USERNAME_TAKEN'
  | 'INVALID_USERNAME'
  | 'WEAK_PASSWORD'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_NO_DIGIT'
  | 'PASSWORD_NO_SYMBOL'
  | 'PASSWORD_NO_UPPERCASE'
  | 'PASSWORD_NO_LOWERCASE'
  | 'PASSWORD_IN_DICTIONARY'
  | 'REGISTRATION_DISABLED'
  | 'REGISTRATION_TOKEN_NEEDED'
  | 'REGISTRATION_TOKEN_INVALID'
  | 'RATE_LIMITED'
  | 'STORAGE_UNAVAILABLE'
  | 'UNKNOWN';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** The homeserver's password-policy refusals (Synapse's errcodes), in words for people. */
const PASSWORD_REFUSALS: Record<string, [AuthErrorCode, string]> = {
  M_PASSWORD_TOO_SHORT: ['PASSWORD_TOO_SHORT', 'That password is too short for this homeserver.'],
  M_PASSWORD_NO_DIGIT: [
    'PASSWORD_NO_DIGIT',
    'This homeserver needs a digit (0-9) in the password.',
  ],
  M_PASSWORD_NO_SYMBOL: [
    'PASSWORD_NO_SYMBOL',
    'This homeserver needs a symbol (such as ! or #) in the password.',
  ],
  M_PASSWORD_NO_UPPERCASE: [
    'PASSWORD_NO_UPPERCASE',
    'This homeserver needs an uppercase letter in the password.',
  ],
  M_PASSWORD_NO_LOWERCASE: [
    'PASSWORD_NO_LOWERCASE',
    'This homeserver needs a lowercase letter in the password.',
  ],
  M_PASSWORD_IN_DICTIONARY: [
    'PASSWORD_IN_DICTIONARY',
    'That password is too common. Choose one that is harder to guess.',
  ],
  M_WEAK_PASSWORD: ['WEAK_PASSWORD', 'That password is too weak for this homeserver.'],
};

/** A refusal: HAOS's sentence, the homeserver's own words (they carry the numbers), its code. */
function passwordRefusal(errcode: string, detail: string | undefined): AuthError | undefined {
  const refusal = PASSWORD_REFUSALS[errcode];
  if (!refusal) return undefined;
  const [code, sentence] = refusal;
  const said = detail?.trim() ? ` The homeserver says: “${detail.trim()}”.` : '';
  return new AuthError(code, `${sentence}${said} (${errcode})`);
}

/** Turns whatever the SDK threw into an AuthError a person can act on. */
export function toAuthError(error: unknown, homeserver: string): AuthError {
  if (error instanceof AuthError) return error;
  if (
    error instanceof ConnectionError ||
    (error instanceof TypeError && /fetch/i.test(error.message))
  ) {
    return new AuthError(
      'UNREACHABLE',
      `Can't reach ${homeserver}. Check the address and your connection, then try again.`,
    );
  }
  if (error instanceof MatrixError) {
    const retry = error.getRetryAfterMs() ?? undefined;
    const refused = passwordRefusal(error.errcode ?? '', error.error);
    if (refused) return refused;
    switch (error.errcode) {
      case 'M_FORBIDDEN':
        return new AuthError('WRONG_PASSWORD', 'Wrong username or password.');
      case 'M_USER_IN_USE':
        return new AuthError('USERNAME_TAKEN', 'That username is taken. Try another one.');
      case 'M_INVALID_USERNAME':
        return new AuthError(
          'INVALID_USERNAME',
          'Usernames may only contain a-z, 0-9 and . _ = - /',
        );
      case 'M_LIMIT_EXCEEDED':
        return new AuthError(
          'RATE_LIMITED',
          retry
            ? `Too many attempts. Try again in ${seconds(retry)}.`
            : 'Too many attempts. Wait a moment and try again.',
          retry,
        );
      case 'M_UNRECOGNIZED':
        return new AuthError(
          'NOT_A_HOMESERVER',
          `${homeserver} doesn't look like a Matrix homeserver.`,
        );
      default:
        if (error.httpStatus === 401 && Array.isArray(error.data.flows)) {
          return new AuthError(
            'REGISTRATION_DISABLED',
            `${homeserver} needs extra steps to create an account (email or captcha); create it with the homeserver's own client, then sign in here.`,
          );
        }
        if (error.httpStatus === 403 && /registration/i.test(error.error ?? '')) {
          return new AuthError(
            'REGISTRATION_DISABLED',
            `${homeserver} doesn't allow creating accounts here.`,
          );
        }
        if (error.httpStatus === 404) {
          return new AuthError(
            'NOT_A_HOMESERVER',
            `${homeserver} doesn't look like a Matrix homeserver.`,
          );
        }
    }
    return new AuthError('UNKNOWN', error.error ?? error.message);
  }
  return new AuthError('UNKNOWN', error instanceof Error ? error.message : String(error));
}
