import { ConnectionError, MatrixError } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { toAuthError } from './auth-errors';

const hs = 'https://hs.example';

describe('toAuthError', () => {
  it.each([
    [
      new MatrixError({ errcode: 'M_FORBIDDEN', error: 'Invalid password' }, 403),
      'WRONG_PASSWORD',
      'Wrong username or password.',
    ],
    [
      new MatrixError({ errcode: 'M_USER_IN_USE', error: 'taken' }, 400),
      'USERNAME_TAKEN',
      'That username is taken. Try another one.',
    ],
    [
      new MatrixError({ errcode: 'M_INVALID_USERNAME' }, 400),
      'INVALID_USERNAME',
      'Usernames may only contain a-z, 0-9 and . _ = - /',
    ],
    [
      new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 4200 }, 429),
      'RATE_LIMITED',
      'Too many attempts. Try again in 5 seconds.',
    ],
    [
      new MatrixError({ errcode: 'M_UNRECOGNIZED' }, 404),
      'NOT_A_HOMESERVER',
      "https://hs.example doesn't look like a Matrix homeserver.",
    ],
    [
      new MatrixError({ flows: [{ stages: ['m.login.email.identity'] }] }, 401),
      'REGISTRATION_DISABLED',
      expect.stringMatching(/extra steps/),
    ],
    [
      new ConnectionError('fetch failed'),
      'UNREACHABLE',
      "Can't reach https://hs.example. Check the address and your connection, then try again.",
    ],
    [new TypeError('Failed to fetch'), 'UNREACHABLE', expect.stringMatching(/^Can't reach/)],
    [
      new MatrixError(
        {
          errcode: 'M_PASSWORD_TOO_SHORT',
          error: 'The password must be at least 8 characters long',
        },
        400,
      ),
      'PASSWORD_TOO_SHORT',
      'That password is too short for this homeserver. The homeserver says: “The password must be at least 8 characters long”. (M_PASSWORD_TOO_SHORT)',
    ],
    [
      new MatrixError({ errcode: 'M_PASSWORD_NO_DIGIT' }, 400),
      'PASSWORD_NO_DIGIT',
      'This homeserver needs a digit (0-9) in the password. (M_PASSWORD_NO_DIGIT)',
    ],
    [
      new MatrixError({ errcode: 'M_WEAK_PASSWORD', error: 'weak' }, 400),
      'WEAK_PASSWORD',
      expect.stringMatching(/^That password is too weak .*\(M_WEAK_PASSWORD\)$/),
    ],
  ])('maps %s', (error, code, message) => {
    const mapped = toAuthError(error, hs);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toEqual(message);
  });

  it('keeps the retry delay for programs', () => {
    expect(
      toAuthError(new MatrixError({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1500 }, 429), hs)
        .retryAfterMs,
    ).toBe(1500);
  });
});
