/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any -- JSON and YAML answers are untyped; the assertions check their shape. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { iceServerHosts, joinResponseIceServers } from '@haos/stack/testing/ice-servers';
import { deployment, https } from '../deployment';
import { api, createRoom, openIdToken, registerWithToken } from '../matrix-api';

const unique = (p: string) =>
  `${p}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test('.well-known over HTTPS announces the homeserver and the MatrixRTC focus (rtc_foci)', async () => {
  const { origin } = deployment();
  const answer = await https(`${origin}/.well-known/matrix/client`);
  expect(answer.status).toBe(200);
  const body = answer.json<Record<string, any>>();
  expect(body['m.homeserver'].base_url).toBe(`${origin}/`);
  expect(body['org.matrix.msc4143.rtc_foci']).toEqual([
    { type: 'livekit', livekit_service_url: `${origin}/livekit/jwt` },
  ]);
  // Federation delegation and the web app share the one origin.
  expect((await https(`${origin}/.well-known/matrix/server`)).json()).toEqual({
    'm.server': 'haos.test:443',
  });
  const app = await https(`${origin}/`, { headers: { Accept: 'text/html' } });
  expect(app.status).toBe(200);
  expect(app.body).toContain('<div id="root">');
  expect((await https(`${origin}/config.json`)).json()).toMatchObject({
    defaultHomeserverUrl: origin,
    livekitServiceUrl: `${origin}/livekit/jwt`,
  });
});

test('registration is closed without a token, and open with one', async () => {
  const { status, body } = await api(undefined, 'POST', '/_matrix/client/v3/register', {
    username: unique('nope'),
    password: 'Correct-Horse-42',
    auth: { type: 'm.login.dummy' },
  });
  expect(status).toBe(401);
  expect(JSON.stringify(body.flows)).toContain('m.login.registration_token');
  const user = await registerWithToken(unique('tok'));
  expect(user.userId).toMatch(/:haos\.test$/);
  // The password policy holds.
  const weak = await api(undefined, 'POST', '/_matrix/client/v3/register', {
    username: unique('weak'),
    password: 'short',
  });
  expect(weak.status).toBe(400);
  expect(weak.body.errcode).toBe('M_PASSWORD_TOO_SHORT');
});

test('worker routing: the main-only calls succeed through the proxy; sync is served by a worker', async () => {
  const { origin, adminToken, dir } = deployment();
  const ada = await registerWithToken(unique('ada'));
  const roomId = await createRoom(ada);
  // OpenID request_token (404 on a worker) and userinfo (500 on a worker), through the proxy.
  const openid = await openIdToken(ada);
  const userinfo = await https(
    `${origin}/_matrix/federation/v1/openid/userinfo?access_token=${String(openid.access_token)}`,
  );
  expect(userinfo.status).toBe(200);
  expect(userinfo.json()).toEqual({ sub: ada.userId });
  // A delayed event (the call's "leave" that a crashed client leaves behind), then cancelled.
  const delayed = await api<{ delay_id: string }>(
    ada,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/org.matrix.msc3401.call.member/_${ada.userId}_X?org.matrix.msc4140.delay=60000`,
    {},
  );
  expect(delayed.status).toBe(200);
  expect(delayed.body.delay_id).toBeTruthy();
  for (const action of ['restart', 'cancel']) {
    const answer = await api(
      ada,
      'POST',
      `/_matrix/client/unstable/org.matrix.msc4140/delayed_events/${delayed.body.delay_id}`,
      { action },
    );
    expect(answer.status, action).toBe(200);
  }
  // The admin API (the token service's membership check), through the proxy.
  const members = await api(
    { userId: '', deviceId: '', accessToken: adminToken },
    'GET',
    `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/members`,
  );
  expect(members.status).toBe(200);
  expect(members.body.members).toEqual([ada.userId]);
  // Sync goes to a worker: one of the workers logged it.
  expect((await api(ada, 'GET', '/_matrix/client/v3/sync?timeout=0')).status).toBe(200);
  const workerLogs = ['synapse-worker1.log', 'synapse-worker2.log']
    .map((f) => readFileSync(path.join(dir, 'logs', f), 'utf8'))
    .join('\n');
  expect(workerLogs).toMatch(/GET \/_matrix\/client\/v3\/sync\?timeout=0/);
});

test('the token service answers over HTTPS with CORS for its web origin and another client’s (Element Call), and refuses non-members', async () => {
  const { origin } = deployment();
  const ada = await registerWithToken(unique('ada'));
  const eve = await registerWithToken(unique('eve'));
  const roomId = await createRoom(ada);
  const preflight = (from: string) =>
    https(`${origin}/livekit/jwt/get_token`, {
      method: 'OPTIONS',
      headers: {
        Origin: from,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
  const allowed = await preflight(origin);
  expect(allowed.status).toBeLessThan(300);
  expect(allowed.headers['access-control-allow-origin']).toMatch(/^(\*|https:\/\/haos\.test)$/);
  // Element Call at its own origin gets in too: the OpenID token and membership authorise.
  const elementCall = await preflight('https://call.element.io');
  expect(elementCall.status).toBeLessThan(300);
  expect(elementCall.headers['access-control-allow-origin']).toMatch(
    /^(\*|https:\/\/call\.element\.io)$/,
  );

  const ask = async (user: typeof ada) =>
    https(`${origin}/livekit/jwt/sfu/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({
        room: roomId,
        openid_token: await openIdToken(user),
        device_id: user.deviceId,
      }),
    });
  const granted = await ask(ada);
  expect(granted.status).toBe(200);
  expect(granted.headers['access-control-allow-origin']).toMatch(/^(\*|https:\/\/haos\.test)$/);
  const { url, jwt } = granted.json<{ url: string; jwt: string }>();
  expect(url).toBe(`wss://haos.test/livekit/sfu`);
  // The join response through the proxy's LiveKit pool: ICE servers are this deployment's own.
  const servers = await joinResponseIceServers(url, jwt, {
    ca: readFileSync(deployment().caFile),
    lookup: deployment().address,
  });
  const hosts = iceServerHosts(servers);
  expect(hosts).toContain('turn.haos.test');
  for (const host of hosts) expect([deployment().address, 'turn.haos.test']).toContain(host);

  const refused = await ask(eve);
  expect(refused.status).toBe(403);
  expect(refused.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
});
