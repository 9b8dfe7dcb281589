import { describe, expect, it, vi } from 'vitest';
import { CallFailure, type CallErrorCode } from './call-error';
import { fetchSfuToken, type TokenClient } from './sfu-token';

const SERVICE = 'https://rtc.example.org';
const ROOM = '!voice:example.org';
const OPENID = {
  access_token: 'openid-secret',
  token_type: 'Bearer',
  matrix_server_name: 'example.org',
  expires_in: 3600,
};

const base64url = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** An unsigned JWT carrying the given claims (the client never checks the signature). */
const jwtWith = (claims: unknown) =>
  `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;

function fakeClient(getOpenIdToken: () => Promise<unknown> = () => Promise.resolve(OPENID)) {
  return { getOpenIdToken, getDeviceId: () => 'DEVICEID' } as unknown as TokenClient;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

async function failureOf(promise: Promise<unknown>): Promise<CallFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CallFailure);
    return error as CallFailure;
  }
  throw new Error('expected a CallFailure');
}

describe('fetchSfuToken', () => {
  it('posts the room, OpenID token and device to /sfu/get and reads the JWT claims', async () => {
    const jwt = jwtWith({
      sub: '@me:example.org:DEVICEID',
      video: { room: 'alias-123', roomJoin: true },
    });
    const fetchImpl = vi.fn<typeof fetch>(() =>
      Promise.resolve(json({ url: 'wss://sfu.example.org', jwt })),
    );
    const config = await fetchSfuToken(fakeClient(), SERVICE, ROOM, fetchImpl);
    expect(config).toEqual({
      url: 'wss://sfu.example.org',
      jwt,
      alias: 'alias-123',
      identity: '@me:example.org:DEVICEID',
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe(`${SERVICE}/sfu/get`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(typeof init?.body).toBe('string');
    expect(JSON.parse(init?.body as string)).toEqual({
      room: ROOM,
      openid_token: OPENID,
      device_id: 'DEVICEID',
    });
  });

  it('decodes base64url payloads that use - and _ and have no padding', async () => {
    // '>>>' and '???' encode to '+' and '/' in plain base64.
    const claims = { sub: '@me:example.org:>>>?', video: { room: '???>>>~' } };
    const jwt = jwtWith(claims);
    expect(jwt.split('.')[1]).toMatch(/[-_]/);
    const config = await fetchSfuToken(
      fakeClient(),
      SERVICE,
      ROOM,
      vi.fn<typeof fetch>(() => Promise.resolve(json({ url: 'wss://sfu', jwt }))),
    );
    expect(config).toMatchObject({ alias: '???>>>~', identity: '@me:example.org:>>>?' });
  });

  it('decodes non-ASCII claims as UTF-8 (device IDs are chosen by clients)', async () => {
    const jwt = jwtWith({ sub: '@me:example.org:GERÄT', video: { room: 'räum' } });
    const config = await fetchSfuToken(
      fakeClient(),
      SERVICE,
      ROOM,
      vi.fn<typeof fetch>(() => Promise.resolve(json({ url: 'wss://sfu', jwt }))),
    );
    expect(config).toMatchObject({ alias: 'räum', identity: '@me:example.org:GERÄT' });
  });

  it('fails with OPENID_FAILED when the homeserver will not issue an OpenID token', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(() => Promise.reject(new Error('M_FORBIDDEN'))),
        SERVICE,
        ROOM,
        fetchImpl,
      ),
    );
    expect(failure.code).toBe('OPENID_FAILED');
    expect(failure.message).toContain('M_FORBIDDEN');
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('fails with TOKEN_SERVICE_UNREACHABLE when the request itself fails', async () => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() => Promise.reject(new TypeError('Failed to fetch'))),
      ),
    );
    expect(failure.code).toBe('TOKEN_SERVICE_UNREACHABLE');
  });

  it('fails with NOT_ALLOWED on 403, quoting the service', async () => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() =>
          Promise.resolve(
            json({ errcode: 'M_FORBIDDEN', error: 'you are not a member of this room' }, 403),
          ),
        ),
      ),
    );
    expect(failure.code).toBe('NOT_ALLOWED');
    expect(failure.message).toContain('you are not a member of this room');
  });

  it('falls back to the HTTP status when the error body is not usable', async () => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() => Promise.resolve(new Response('Forbidden', { status: 403 }))),
      ),
    );
    expect(failure.code).toBe('NOT_ALLOWED');
    expect(failure.message).toContain('HTTP 403');
  });

  it.each<[number, CallErrorCode]>([
    [500, 'TOKEN_SERVICE_UNREACHABLE'],
    [502, 'TOKEN_SERVICE_UNREACHABLE'],
    [503, 'SFU_UNREACHABLE'],
    [400, 'TOKEN_REFUSED'],
    [401, 'TOKEN_REFUSED'],
    [404, 'TOKEN_REFUSED'],
    [429, 'TOKEN_REFUSED'],
  ])('maps HTTP %i to %s', async (status, code) => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() => Promise.resolve(json({ error: `boom ${status}` }, status))),
      ),
    );
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(`boom ${status}`);
  });

  const good = jwtWith({ sub: '@me:example.org:D', video: { room: 'alias' } });
  it.each([
    ['an empty body', {}],
    ['no url', { jwt: good }],
    ['no jwt', { url: 'wss://sfu' }],
    ['a numeric url', { url: 1, jwt: good }],
    ['a jwt without a payload', { url: 'wss://sfu', jwt: 'abc' }],
    ['a payload that is not base64', { url: 'wss://sfu', jwt: 'a.!!!!.c' }],
    ['a payload that is not JSON', { url: 'wss://sfu', jwt: `a.${base64url('nope')}.c` }],
    ['no sub claim', { url: 'wss://sfu', jwt: jwtWith({ video: { room: 'alias' } }) }],
    ['no video claim', { url: 'wss://sfu', jwt: jwtWith({ sub: '@me:example.org:D' }) }],
    [
      'a numeric room claim',
      { url: 'wss://sfu', jwt: jwtWith({ sub: '@me:example.org:D', video: { room: 5 } }) },
    ],
  ])('fails with TOKEN_REFUSED for a 200 with %s', async (_label, body) => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() => Promise.resolve(json(body))),
      ),
    );
    expect(failure.code).toBe('TOKEN_REFUSED');
  });

  it('fails with TOKEN_REFUSED for a 200 whose body is not JSON', async () => {
    const failure = await failureOf(
      fetchSfuToken(
        fakeClient(),
        SERVICE,
        ROOM,
        vi.fn<typeof fetch>(() => Promise.resolve(new Response('<html>', { status: 200 }))),
      ),
    );
    expect(failure.code).toBe('TOKEN_REFUSED');
  });
});
