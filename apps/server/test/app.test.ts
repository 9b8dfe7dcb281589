import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenVerifier } from 'livekit-server-sdk';
import { BODY_LIMIT_BYTES } from '../src/app.js';
import { listenMetrics } from '../src/metrics.js';
import { livekitIdentity, livekitRoomAlias, LEGACY_SLOT_ID } from '../src/identity.js';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './helpers.js';
import { ALICE, getToken, harness, openid, ROOM, sfuGet, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.app.close();
});

describe('POST /sfu/get', () => {
  beforeEach(async () => {
    h = await harness();
  });

  it('turns a valid OpenID token of a joined user into a LiveKit JWT with exactly the participant grants', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ url: string; jwt: string }>();
    expect(body.url).toBe('ws://127.0.0.1:7880');
    const claims = await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(body.jwt);
    const alias = livekitRoomAlias(ROOM, LEGACY_SLOT_ID);
    expect(claims.iss).toBe(LIVEKIT_KEY);
    expect(claims.sub).toBe(`${ALICE}:ALICEDEVICE`);
    expect(claims.name).toBe(ALICE);
    expect(claims.video).toEqual({
      room: alias,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canUpdateOwnMetadata: true,
    });
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    expect(h.created).toEqual([
      {
        name: alias,
        emptyTimeout: 120,
        departureTimeout: 20,
        metadata: JSON.stringify({ haos: { room_id: ROOM, slot_id: 'm.call#ROOM' } }),
      },
    ]);
  });

  it.each([
    ['an unknown field', { ...sfuGet(), extra: 1 }],
    [
      'an unknown nested field',
      { ...sfuGet(), openid_token: { ...openid('alice-openid'), sneaky: true } },
    ],
    ['a missing field', { room: ROOM, openid_token: openid('alice-openid') }],
    ['a wrong type', { ...sfuGet(), device_id: 42 }],
    [
      'a numeric string for expires_in',
      { ...sfuGet(), openid_token: { ...openid('alice-openid'), expires_in: '3600' } },
    ],
    ['a room that is not a room ID', { ...sfuGet(), room: '#alias:hs.test' }],
    ['an empty device', { ...sfuGet(), device_id: '' }],
    ['an array body', [sfuGet()]],
  ])('rejects %s with 400 M_BAD_JSON', async (_name, payload) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: payload as object,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(response.json<{ error: string }>().error).toMatch(/Invalid request/);
    expect(h.hs.calls).toEqual([]);
  });

  it.each([
    ['not JSON', '{"room": '],
    ['empty', ''],
    ['plain text', 'hello'],
  ])('rejects a body that is %s with 400 M_NOT_JSON', async (_name, payload) => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_NOT_JSON' });
  });

  it('reads the body as JSON whatever its Content-Type says', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify(sfuGet()),
    });
    expect(response.statusCode).toBe(200);
  });

  it('rejects an oversize body with 400 M_TOO_LARGE', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...sfuGet(), device_id: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_TOO_LARGE' });
  });

  it('answers an OpenID token the homeserver does not know with a generic 401', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: sfuGet('forged'),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      errcode: 'M_UNAUTHORIZED',
      error: 'The OpenID token could not be verified',
    });
  });

  it('answers an unreachable homeserver with the same generic 401', async () => {
    h.hs.down = true;
    const response = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      errcode: 'M_UNAUTHORIZED',
      error: 'The OpenID token could not be verified',
    });
  });

  it('refuses a subject from another server than the one that vouched for it', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: sfuGet('mallory-openid'),
    });
    expect(response.statusCode).toBe(401);
  });

  it.each(['127.0.0.1', '10.0.0.1:8448', 'localhost', '[::1]:8448', 'intranet'])(
    'never calls out to the unmapped internal server name %s',
    async (server) => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/sfu/get',
        payload: { ...sfuGet(), openid_token: openid('alice-openid', server) },
      });
      expect(response.statusCode).toBe(401);
      expect(h.hs.calls).toEqual([]);
    },
  );

  it('refuses with 403 M_FORBIDDEN a trusted user who is not joined to the room', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: sfuGet('bob-openid'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    expect(h.created).toEqual([]);
  });

  it('refuses a trusted user for a room its homeserver does not know', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), room: '!nowhere:hs.test' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('answers 503 without internals when LiveKit cannot be reached', async () => {
    await h.app.close();
    h = await harness({}, { failRooms: true });
    const response = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      errcode: 'M_UNKNOWN',
      error: 'The media server cannot be reached right now; try again shortly',
    });
    expect(response.body).not.toContain('secret internals');
  });

  it('never writes the OpenID token or the admin token to its logs', async () => {
    await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet('forged') });
    await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet('bob-openid') });
    const logs = h.logs();
    expect(logs).toMatch(/"path":"\/sfu\/get","status":200/);
    expect(logs).not.toContain('alice-openid');
    expect(logs).not.toContain('forged');
    expect(logs).not.toContain('admin-token-secret');
    expect(logs).not.toContain(LIVEKIT_SECRET);
  });
});

describe('POST /get_token', () => {
  beforeEach(async () => {
    h = await harness();
  });

  it('issues a JWT whose identity comes from the verified user, device and member', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/get_token', payload: getToken() });
    expect(response.statusCode).toBe(200);
    const claims = await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(
      response.json<{ jwt: string }>().jwt,
    );
    expect(claims.sub).toBe(livekitIdentity(ALICE, 'ALICEDEVICE', 'member-1'));
    expect(claims.video?.room).toBe(livekitRoomAlias(ROOM, 'm.call#ROOM'));
    expect(claims.video?.roomCreate).toBeUndefined();
    expect(claims.video?.roomAdmin).toBeUndefined();
  });

  it('refuses a claimed user who is not the token subject', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/get_token',
      payload: getToken('alice-openid', { claimed_user_id: '@bob:hs.test' }),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
  });

  it('rejects a member object with unknown fields', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/get_token',
      payload: getToken('alice-openid', { admin: true }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });
});

describe('users of homeservers that are not trusted', () => {
  it('get a token that cannot create the LiveKit room when no trusted server knows the room', async () => {
    h = await harness({
      homeserverUrls: {
        'hs.test': 'http://hs.test.local',
        'remote.example': 'http://hs.test.local',
      },
    });
    h.hs.tokens.set('carol-openid', '@carol:remote.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: {
        ...sfuGet(),
        room: '!unknown:remote.example',
        openid_token: openid('carol-openid', 'remote.example'),
      },
    });
    expect(response.statusCode).toBe(200);
    expect(h.created).toEqual([]);
  });

  it('are refused when a trusted server knows the room and they are not in it', async () => {
    h = await harness({
      homeserverUrls: {
        'hs.test': 'http://hs.test.local',
        'remote.example': 'http://hs.test.local',
      },
    });
    h.hs.tokens.set('dave-openid', '@dave:remote.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), openid_token: openid('dave-openid', 'remote.example') },
    });
    expect(response.statusCode).toBe(403);
  });

  it('may join a room a trusted server sees them in, without creating it', async () => {
    h = await harness({
      homeserverUrls: {
        'hs.test': 'http://hs.test.local',
        'remote.example': 'http://hs.test.local',
      },
    });
    h.hs.tokens.set('carol-openid', '@carol:remote.example');
    const response = await h.app.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), openid_token: openid('carol-openid', 'remote.example') },
    });
    expect(response.statusCode).toBe(200);
    expect(h.created).toEqual([]);
  });
});

describe('CORS and the rest', () => {
  it('says 503 when room membership cannot be checked, rather than guessing', async () => {
    h = await harness({
      trustedHomeservers: [{ serverName: 'hs.test', adminToken: 'wrong-admin-token' }],
    });
    const response = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ errcode: 'M_UNKNOWN' });
  });

  const preflight = (origin: string) =>
    h.app.inject({
      method: 'OPTIONS',
      url: '/sfu/get',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  it('answers CORS for any origin by default, as lk-jwt-service', async () => {
    h = await harness({ corsOrigins: ['*'] });
    const answer = await preflight('https://call.element.example');
    expect(answer.statusCode).toBeLessThan(300);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(String(answer.headers['access-control-allow-headers'])).toMatch(/Content-Type/i);
  });

  it('answers CORS only for the configured origins when a list is given', async () => {
    h = await harness({ corsOrigins: ['http://app.test'] });
    expect((await preflight('http://app.test')).headers['access-control-allow-origin']).toBe(
      'http://app.test',
    );
    expect(
      (await preflight('http://evil.test')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });

  it('answers health and unknown paths, and keeps /metrics off the client port', async () => {
    h = await harness();
    expect((await h.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    const metrics = await h.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(404);
    expect(metrics.body).not.toContain('haos_tokens_issued_total');
    const missing = await h.app.inject({ url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED' });
  });

  it('serves /metrics on its own listener', async () => {
    h = await harness();
    await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    const server = await listenMetrics(h.app.haos.metrics, '127.0.0.1', 0);
    try {
      const { port } = server.address() as AddressInfo;
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).toMatch(/haos_tokens_issued_total\{route="\/sfu\/get"\} 1/);
      expect((await fetch(`http://127.0.0.1:${port}/sfu/get`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
