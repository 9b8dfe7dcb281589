import { afterEach, describe, expect, it } from 'vitest';
import { livekitIdentity, livekitRoomAlias, LEGACY_SLOT_ID } from '../src/identity.js';
import { ALICE, getToken, harness, ROOM, sfuGet, type Harness } from './harness.js';
import { sendWebhook } from './webhooks.js';

/**
 * Delegated delayed leave as lk-jwt-service's black-box tests exercise it: the token request
 * hands over the delayed event, LiveKit's webhooks say when the participant connects and goes,
 * and the service restarts or sends the delayed event on the user's homeserver (a fake one here;
 * delegation.int.test.ts does it against the real Synapse and LiveKit).
 */

let h: Harness;
afterEach(async () => {
  await h?.app.close();
});

const alias = livekitRoomAlias(ROOM, LEGACY_SLOT_ID);
const identity = `${ALICE}:ALICEDEVICE`;
const room = { name: alias };
const actions = (id: string, action: string) =>
  h.hs.delayed.filter((d) => d.id === id && d.action === action).length;
const delegated = (extra: Record<string, unknown> = {}) =>
  sfuGet('alice-openid', { delay_id: 'syd_1', delay_timeout: 1500, ...extra });

async function post(payload: object, url = '/sfu/get') {
  return h.app.inject({ method: 'POST', url, payload });
}

describe('delegated delayed leave', () => {
  it('restarts the delayed event while LiveKit has the participant, and sends it when it leaves', async () => {
    h = await harness();
    const response = await post(delegated());
    expect(response.statusCode).toBe(200);
    expect(await h.app.haos.store.get(`deleg:${alias}\n${identity}`)).toBeDefined();
    expect(actions('syd_1', 'restart')).toBe(0);

    expect((await sendWebhook(h.app, 'participant_joined', room, identity)).statusCode).toBe(200);
    // Restarted at once, then at 80 % of the delay, again and again.
    await expect
      .poll(() => actions('syd_1', 'restart'), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    expect(actions('syd_1', 'send')).toBe(0);

    await sendWebhook(h.app, 'participant_left', room, identity, {
      disconnectReason: 'CLIENT_INITIATED',
    });
    await expect.poll(() => actions('syd_1', 'send'), { timeout: 5000 }).toBe(1);
    expect(await h.app.haos.store.get(`deleg:${alias}\n${identity}`)).toBeUndefined();
    // Restarts without the appservice go unauthenticated, as lk-jwt-service's do.
    expect(h.hs.delayed.every((d) => d.auth === null)).toBe(true);
  });

  it('sends the leave when the participant never connects within the delay', async () => {
    h = await harness();
    expect((await post(delegated({ delay_timeout: 1000 }))).statusCode).toBe(200);
    await expect.poll(() => actions('syd_1', 'send'), { timeout: 10_000 }).toBe(1);
    expect(actions('syd_1', 'restart')).toBe(0);
  });

  it('finds a participant that is already connected without waiting for a webhook', async () => {
    h = await harness();
    const token = await post(delegated({ delay_timeout: 8000 }));
    const { participantFromJwt } = await import('./harness.js');
    h.lk.participants.set(alias, [participantFromJwt(token.json<{ jwt: string }>().jwt)]);
    await expect
      .poll(() => actions('syd_1', 'restart'), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
  });

  it('sends nothing when the connection was aborted before it was established', async () => {
    h = await harness();
    await post(delegated({ delay_timeout: 8000 }));
    await sendWebhook(h.app, 'participant_connection_aborted', room, identity);
    await expect
      .poll(() => h.app.haos.store.get(`deleg:${alias}\n${identity}`), { timeout: 5000 })
      .toBeUndefined();
    expect(h.hs.delayed).toEqual([]);
  });

  it('stops when the homeserver no longer has the delayed event (the client left cleanly)', async () => {
    h = await harness();
    h.hs.goneDelays.add('syd_1');
    await post(delegated({ delay_timeout: 8000 }));
    await sendWebhook(h.app, 'participant_joined', room, identity);
    await expect
      .poll(() => h.app.haos.store.get(`deleg:${alias}\n${identity}`), { timeout: 5000 })
      .toBeUndefined();
    await sendWebhook(h.app, 'participant_left', room, identity);
    expect(actions('syd_1', 'send')).toBe(0);
  });

  it('lets a newer delegation for the same participant replace the older one', async () => {
    h = await harness();
    await post(delegated({ delay_id: 'syd_first', delay_timeout: 8000 }));
    await post(delegated({ delay_id: 'syd_second', delay_timeout: 8000 }));
    await sendWebhook(h.app, 'participant_joined', room, identity);
    await expect.poll(() => actions('syd_second', 'restart'), { timeout: 5000 }).toBe(1);
    await sendWebhook(h.app, 'participant_left', room, identity);
    await expect.poll(() => actions('syd_second', 'send'), { timeout: 5000 }).toBe(1);
    expect(h.hs.delayed.filter((d) => d.id === 'syd_first')).toEqual([]);
  });

  it('works on /get_token too, keyed by the hashed identity', async () => {
    h = await harness();
    const response = await post(
      { ...getToken(), delay_id: 'syd_g', delay_timeout: 8000 },
      '/get_token',
    );
    expect(response.statusCode).toBe(200);
    const hashed = livekitIdentity(ALICE, 'ALICEDEVICE', 'member-1');
    await sendWebhook(h.app, 'participant_joined', room, hashed);
    await expect.poll(() => actions('syd_g', 'restart'), { timeout: 5000 }).toBe(1);
  });

  it('restarts with the appservice token on its own homeserver (no per-IP rate limit there)', async () => {
    h = await harness({
      appservice: {
        serverName: 'hs.test',
        id: 'haos',
        asToken: 'as-token-secret-value',
        hsToken: 'hs-token-secret-value',
      },
    });
    await post(delegated({ delay_timeout: 8000 }));
    await sendWebhook(h.app, 'participant_joined', room, identity);
    await expect.poll(() => actions('syd_1', 'restart'), { timeout: 5000 }).toBe(1);
    expect(h.hs.delayed[0]?.auth).toBe('Bearer as-token-secret-value');
  });
});

describe('delegation requests', () => {
  it('refuses delegation for users of homeservers that are not trusted, as lk-jwt-service', async () => {
    h = await harness({
      homeserverUrls: {
        'hs.test': 'http://hs.test.local',
        'remote.example': 'http://hs.test.local',
      },
    });
    h.hs.tokens.set('carol-openid', '@carol:remote.example');
    const response = await post({
      ...delegated(),
      openid_token: {
        ...sfuGet().openid_token,
        access_token: 'carol-openid',
        matrix_server_name: 'remote.example',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      errcode: 'M_BAD_JSON',
      error: 'Delegation of delayed events is only supported for full access users',
    });
    expect(h.hs.delayed).toEqual([]);
  });

  it.each([
    ['delay_id without delay_timeout', { delay_id: 'syd_1' }],
    ['delay_timeout without delay_id', { delay_timeout: 8000 }],
  ])('refuses %s with 400 M_BAD_JSON before asking the homeserver', async (_name, extra) => {
    h = await harness();
    const response = await post(sfuGet('alice-openid', extra));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(h.hs.calls).toEqual([]);
  });

  it.each([
    ['another host', 'http://169.254.169.254/latest/meta-data'],
    ['not a URL', 'hs.test.local'],
    ['the right host on another port', 'http://hs.test.local:8448'],
  ])('refuses a delay_cs_api_url that is %s, and never calls it', async (_name, url) => {
    h = await harness();
    const response = await post(delegated({ delay_cs_api_url: url }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      errcode: 'M_BAD_JSON',
      error: '`delay_cs_api_url` is not the client-server API of your homeserver',
    });
    expect(h.hs.calls.some((c) => c.includes('meta-data'))).toBe(false);
  });

  it.each([
    ['the configured URL', 'http://hs.test.local/'],
    ['the public URL the homeserver announces', 'https://matrix.hs.example'],
  ])('accepts %s as delay_cs_api_url', async (_name, url) => {
    h = await harness();
    h.hs.wellKnownClient = { 'm.homeserver': { base_url: 'https://matrix.hs.example/' } };
    const response = await post(delegated({ delay_cs_api_url: url }));
    expect(response.statusCode).toBe(200);
  });

  it('refuses an out-of-range delay_timeout', async () => {
    h = await harness();
    const response = await post(delegated({ delay_timeout: 10 }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });
});

describe('POST /sfu_webhook', () => {
  it('refuses a webhook not signed with the LiveKit key, and acts on nothing in it', async () => {
    h = await harness();
    await post(delegated({ delay_timeout: 8000 }));
    const response = await sendWebhook(h.app, 'participant_left', room, identity, {
      secret: 'another-secret-that-is-at-least-32-characters',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ errcode: 'M_UNAUTHORIZED' });
    const unsigned = await h.app.inject({
      method: 'POST',
      url: '/sfu_webhook',
      payload: { event: 'participant_left' },
    });
    expect(unsigned.statusCode).toBe(401);
    expect(actions('syd_1', 'send')).toBe(0);
  });
});
