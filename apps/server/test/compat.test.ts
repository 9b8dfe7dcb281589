import { afterEach, describe, expect, it } from 'vitest';
import { TokenVerifier } from 'livekit-server-sdk';
import { livekitIdentity, livekitRoomAlias } from '../src/identity.js';
import { harness, openid, type Harness } from './harness.js';
import { LIVEKIT_KEY, LIVEKIT_SECRET } from './helpers.js';

/**
 * The requests lk-jwt-service's own black-box tests send (integration-tests/tests/get_token.rs
 * and sfu_get.rs in element-hq/lk-jwt-service), rewritten here: the same bodies, the same
 * expected statuses, error codes and identity/alias derivation. Where HAOS is stricter (room
 * membership, identity characters) the difference is named.
 */

const ROOM = '!room:example.com';
const USER = '@alice:hs.test';

let h: Harness;
afterEach(async () => {
  await h?.app.close();
});

async function service(overrides = {}) {
  h = await harness(overrides);
  // lk-jwt-service does not check room membership; HAOS does, so Alice is joined here.
  h.hs.rooms.set(ROOM, [USER]);
  h.hs.tokens.set('syt_alice', USER);
  return h;
}

/** lk-jwt-service's get_token_request(): slot "m.call#", member "member-1", device "DEVICE". */
const getTokenRequest = (extra: Record<string, unknown> = {}) => ({
  room_id: ROOM,
  slot_id: 'm.call#',
  openid_token: openid('syt_alice'),
  member: { id: 'member-1', claimed_user_id: USER, claimed_device_id: 'DEVICE' },
  ...extra,
});

/** lk-jwt-service's sfu_get_request(). */
const sfuGetRequest = (extra: Record<string, unknown> = {}) => ({
  room: ROOM,
  openid_token: openid('syt_alice'),
  device_id: 'DEVICE',
  ...extra,
});

const post = (url: string, payload: object | string) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const userinfoLookups = () => h.hs.calls.filter((c) => c.endsWith('/openid/userinfo')).length;

describe.each([
  ['/get_token', getTokenRequest],
  ['/sfu/get', sfuGetRequest],
] as const)('lk-jwt-service black-box requests on %s', (url, request) => {
  it('unknown_token: 401 M_UNAUTHORIZED after asking the homeserver', async () => {
    await service();
    const body = request();
    (body.openid_token as { access_token: string }).access_token = 'syt_forged_token';
    const response = await post(url, body);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
    expect(userinfoLookups()).toBe(1);
    expect(h.hs.delayed).toEqual([]);
  });

  it('restricted_homeserver: delegation from a non-full-access homeserver is 400 M_BAD_JSON', async () => {
    await service({ trustedHomeservers: [] });
    const response = await post(
      url,
      request({ delay_id: 'syd_integration_1', delay_timeout: 8000 }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(userinfoLookups()).toBe(1);
    expect(h.hs.delayed).toEqual([]);
  });

  it('partial_delay_params: 400 M_BAD_JSON, without asking the homeserver', async () => {
    await service();
    for (const extra of [{ delay_id: 'syd_integration_1' }, { delay_timeout: 8000 }]) {
      const response = await post(url, request(extra));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    }
    expect(userinfoLookups()).toBe(0);
  });

  it('malformed_json: 400 M_NOT_JSON', async () => {
    await service();
    const response = await post(url, '{not json');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_NOT_JSON' });
    expect(userinfoLookups()).toBe(0);
  });

  it('get_instead_of_post: 405', async () => {
    await service();
    const response = await h.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(405);
    expect(userinfoLookups()).toBe(0);
  });

  it('full_access_token: 200 {url, jwt} with the participant grants, and one room created', async () => {
    await service();
    const response = await post(url, request());
    expect(response.statusCode).toBe(200);
    const body = response.json<{ url: string; jwt: string }>();
    expect(Object.keys(body).sort()).toEqual(['jwt', 'url']);
    expect(body.url).toBe('ws://127.0.0.1:7880');
    const claims = await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(body.jwt);
    expect(claims.iss).toBe(LIVEKIT_KEY);
    expect(claims.video).toMatchObject({
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canUpdateOwnMetadata: true,
    });
    expect(h.created).toHaveLength(1);
    expect(claims.video?.room).toBe(h.created[0]?.name);
    expect(h.created[0]?.departureTimeout).toBe(20);
    // Identity and alias derivation, as lk-jwt-service's livekit_identity()/livekit_room_alias().
    if (url === '/get_token') {
      expect(claims.video?.room).toBe(livekitRoomAlias(ROOM, 'm.call#'));
      expect(claims.sub).toBe(livekitIdentity(USER, 'DEVICE', 'member-1'));
    } else {
      expect(claims.video?.room).toBe(livekitRoomAlias(ROOM, 'm.call#ROOM'));
      expect(claims.sub).toBe(`${USER}:DEVICE`);
    }
  });

  it('remote_token: a user of another homeserver gets a token that creates no room', async () => {
    await service({
      homeserverUrls: {
        'hs.test': 'http://hs.test.local',
        'remote.example': 'http://hs.test.local',
      },
    });
    h.hs.tokens.set('syt_carol', '@carol:remote.example');
    const body: Record<string, unknown> = request({
      openid_token: openid('syt_carol', 'remote.example'),
      ...(url === '/get_token'
        ? {
            member: {
              id: 'member-1',
              claimed_user_id: '@carol:remote.example',
              claimed_device_id: 'DEVICE',
            },
          }
        : {}),
    });
    // Another room, that no trusted server knows: lk-jwt-service's restricted token.
    if (url === '/get_token') body.room_id = '!elsewhere:remote.example';
    else body.room = '!elsewhere:remote.example';
    const response = await post(url, body);
    expect(response.statusCode).toBe(200);
    expect(h.created).toEqual([]);
  });
});

describe('aliases as lk-jwt-service computes them', () => {
  it('matches the room alias a real lk-jwt-service (built from its source, run against the local stack) gave for a Matrix room', () => {
    expect(livekitRoomAlias('!07WurC9picJvRQ1-3iFrUZq20DfUpV7ns9nTf63fpR4', 'm.call#ROOM')).toBe(
      'dO37atQQf+luxQzB9y/0NTb7ccg9UDEI5NdM8jV+c0U',
    );
  });
});

describe('lk-jwt-service black-box requests on /get_token only', () => {
  it('claimed_user_mismatch: 401 M_UNAUTHORIZED', async () => {
    await service();
    const response = await post(
      '/get_token',
      getTokenRequest({
        member: {
          id: 'member-1',
          claimed_user_id: '@mallory:hs.test',
          claimed_device_id: 'DEVICE',
        },
      }),
    );
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
  });

  it('Element Call compatibility: the member id "<user>:<device>" it sends is taken as given', async () => {
    await service();
    const response = await post(
      '/get_token',
      getTokenRequest({
        slot_id: 'm.call#ROOM',
        member: { id: `${USER}:DEVICE`, claimed_user_id: USER, claimed_device_id: 'DEVICE' },
      }),
    );
    const claims = await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(
      response.json<{ jwt: string }>().jwt,
    );
    expect(claims.sub).toBe(livekitIdentity(USER, 'DEVICE', `${USER}:DEVICE`));
  });
});

describe('stricter than lk-jwt-service', () => {
  it.each([
    ['NUL', 'DEV\u0000ICE'],
    ['a newline', 'DEVICE\n'],
    ['a carriage return', 'DEV\rICE'],
    ['an escape', 'DEV\u001b[31mICE'],
    ['DEL', 'DEV\u007fICE'],
    ['a C1 control', 'DEV\u0085ICE'],
    ['a right-to-left override', 'DEV\u202eECIV'],
    ['a bidi isolate', '\u2066DEVICE'],
    ['a zero-width space', 'DEV\u200bICE'],
    ['a line separator', 'DEV\u2028ICE'],
    ['a byte order mark', '\ufeffDEVICE'],
  ])('refuses a device ID with %s (400 M_BAD_JSON), before any call out', async (_name, device) => {
    await service();
    for (const [url, body] of [
      ['/sfu/get', sfuGetRequest({ device_id: device })],
      [
        '/get_token',
        getTokenRequest({
          member: { id: 'member-1', claimed_user_id: USER, claimed_device_id: device },
        }),
      ],
      [
        '/get_token',
        getTokenRequest({
          member: { id: device, claimed_user_id: USER, claimed_device_id: 'DEVICE' },
        }),
      ],
      ['/get_token', getTokenRequest({ slot_id: `m.call#${device}` })],
      ['/sfu/get', sfuGetRequest({ room: `!room${device}:example.com` })],
    ] as const) {
      const response = await post(url, body);
      expect(response.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    }
    expect(h.hs.calls).toEqual([]);
  });

  it('accepts ordinary non-ASCII in identity parts', async () => {
    await service();
    const response = await post('/sfu/get', sfuGetRequest({ device_id: 'Téléphone-äöü-日本' }));
    expect(response.statusCode).toBe(200);
  });

  it('refuses a member who is not in the room (lk-jwt-service does not check)', async () => {
    await service();
    h.hs.rooms.set(ROOM, []);
    const response = await post('/get_token', getTokenRequest());
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });
});
