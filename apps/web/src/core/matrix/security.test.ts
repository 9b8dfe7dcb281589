import { ConnectionError, MatrixError, type AuthDict } from 'matrix-js-sdk';
import { encodeRecoveryKey } from 'matrix-js-sdk/lib/crypto-api';
import { describe, expect, it, vi } from 'vitest';
import { normaliseRecoveryKey, parseRecoveryKey } from './recovery-key';
import { SecretStorageKeys } from './secret-storage-keys';
import { SecurityError, toSecurityError } from './security-errors';
import { passwordAuth } from './uia';

const rawKey = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
const recoveryKey = encodeRecoveryKey(rawKey) ?? '';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return (error as SecurityError).code;
  }
  return undefined;
};

describe('recovery key input', () => {
  it('is shown in groups of four, which normalising removes', () => {
    expect(recoveryKey).toMatch(/^Es\w{2}( \w{4}){11}$/);
    expect(normaliseRecoveryKey(recoveryKey)).toBe(recoveryKey.replace(/ /g, ''));
  });

  it.each([
    ['as shown', recoveryKey],
    ['without spaces', recoveryKey.replace(/ /g, '')],
    ['over lines with tabs', recoveryKey.replace(/ /g, (_, i: number) => (i % 2 ? '\n' : '\t'))],
    ['with non-breaking spaces and padding', `  ${recoveryKey.replace(/ /g, '\u00a0')}  \n`],
    ['with dashes', recoveryKey.replace(/ /g, '-')],
  ])('decodes a key pasted %s', (_, input) => {
    expect([...parseRecoveryKey(input)]).toEqual([...rawKey]);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['one character changed', recoveryKey.replace(/^(Es\w)\w/, (_, p: string) => `${p}z`)],
    ['cut short', recoveryKey.slice(0, 30)],
    ['not base58', '0OIl 0OIl 0OIl'],
    ['a passphrase', 'correct horse battery staple'],
  ])('refuses %s as malformed', (_, input) => {
    expect(codeOf(() => parseRecoveryKey(input))).toBe('RECOVERY_KEY_MALFORMED');
  });
});

describe('toSecurityError', () => {
  it.each([
    [new ConnectionError('down'), 'UNREACHABLE'],
    [new TypeError('Failed to fetch'), 'UNREACHABLE'],
    [new MatrixError({ errcode: 'M_FORBIDDEN', error: 'Invalid password' }, 401), 'WRONG_PASSWORD'],
    [new MatrixError({ errcode: 'M_LIMIT_EXCEEDED' }, 429), 'RATE_LIMITED'],
    [new MatrixError({ errcode: 'M_FORBIDDEN', error: 'nope' }, 403), 'UNKNOWN'],
    [new Error('boom'), 'UNKNOWN'],
  ])('maps %s to %s', (error, code) => {
    expect(toSecurityError(error).code).toBe(code);
  });

  it('keeps a SecurityError as it is', () => {
    const error = new SecurityError('RECOVERY_KEY_WRONG', 'That recovery key is not right.');
    expect(toSecurityError(error)).toBe(error);
  });
});

const challenge = (stages: string[][]) =>
  new MatrixError(
    { flows: stages.map((s) => ({ stages: s })), session: 'uia-session', params: {} },
    401,
  );

describe('passwordAuth', () => {
  it('does not ask when the homeserver does not (first upload, MSC3967)', async () => {
    const makeRequest = vi.fn((_auth: AuthDict | null) => Promise.resolve());
    await passwordAuth('@ada:hs', undefined)(makeRequest);
    expect(makeRequest.mock.calls).toEqual([[null]]);
  });

  it('asks for the password when the homeserver wants it and none was given', async () => {
    const makeRequest = vi.fn(() => Promise.reject(challenge([['m.login.password']])));
    await expect(passwordAuth('@ada:hs', undefined)(makeRequest)).rejects.toMatchObject({
      code: 'PASSWORD_NEEDED',
    });
  });

  it('answers with m.login.password in the same UIA session', async () => {
    const makeRequest = vi.fn((auth: AuthDict | null) =>
      auth ? Promise.resolve() : Promise.reject(challenge([['m.login.password']])),
    );
    await passwordAuth('@ada:hs', 'pw')(makeRequest);
    expect(makeRequest.mock.calls[1]?.[0]).toEqual({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: '@ada:hs' },
      password: 'pw',
      session: 'uia-session',
    });
  });

  it('passes on a refused password, which maps to WRONG_PASSWORD', async () => {
    const refused = new MatrixError({ errcode: 'M_FORBIDDEN', error: 'Invalid password' }, 401);
    const makeRequest = vi.fn((auth: AuthDict | null) =>
      Promise.reject(auth ? refused : challenge([['m.login.password']])),
    );
    const error: unknown = await passwordAuth(
      '@ada:hs',
      'bad',
    )(makeRequest).catch((e: unknown) => e);
    expect(toSecurityError(error).code).toBe('WRONG_PASSWORD');
  });

  it('says so when the homeserver wants something other than a password', async () => {
    const makeRequest = vi.fn(() => Promise.reject(challenge([['m.login.sso']])));
    await expect(passwordAuth('@ada:hs', 'pw')(makeRequest)).rejects.toMatchObject({
      code: 'UNSUPPORTED_AUTH',
    });
  });

  it('passes on errors that are not an auth challenge', async () => {
    const error = new MatrixError({ errcode: 'M_UNKNOWN' }, 500);
    await expect(passwordAuth('@ada:hs', 'pw')(() => Promise.reject(error))).rejects.toBe(error);
  });
});

describe('SecretStorageKeys', () => {
  const info = { algorithm: 'm.secret_storage.v1.aes-hmac-sha2' } as never;

  it('gives the held key only for its key ID, and forgets it', async () => {
    const keys = new SecretStorageKeys();
    const { getSecretStorageKey, cacheSecretStorageKey } = keys.callbacks();
    cacheSecretStorageKey?.('k1', info, new Uint8Array([1, 2, 3]));
    const held = await getSecretStorageKey?.({ keys: { k1: info } }, 'm.cross_signing.master');
    expect(held?.[0]).toBe('k1');
    expect([...(held?.[1] ?? [])]).toEqual([1, 2, 3]);
    expect(await getSecretStorageKey?.({ keys: { k2: info } }, 'x')).toBeNull();
    keys.forget();
    expect(await getSecretStorageKey?.({ keys: { k1: info } }, 'x')).toBeNull();
    // What was handed out earlier is a copy: forgetting does not reach into the SDK's hands.
    expect([...(held?.[1] ?? [])]).toEqual([1, 2, 3]);
  });
});
