/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any -- JSON answers are untyped; the assertions check their shape. */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';
import { expectHears, installHearingProbe, toneFile } from '../../audio';
import { createServerThroughUi, joinThroughInvite } from '../../helpers';
import { joinVoice, signUp, unique } from '../ui';
import {
  isTcpPortFree,
  prepareComposeDeployment,
  type BootstrapResult,
  type ComposeDeployment,
} from '@haos/stack/deploy-testing';
import { PASSWORD } from '../deployment';

/**
 * The compose deployment as an admin runs it: `deploy init` for haos.test on free ports (its
 * public side on a loopback address of its own, port 443, the test CA's certificate as files),
 * `podman-compose --profile caddy up -d` with locally built images, every service's health check
 * polled until it passes, the deployment used over HTTPS through Caddy, then `down -v`.
 */
test.describe.configure({ mode: 'serial', timeout: 15 * 60_000 });

const log = (line: string) => process.stdout.write(`[compose] ${line}\n`);
let deployment: ComposeDeployment | undefined;
let boot: BootstrapResult | undefined;
const browsers: Browser[] = [];
const PITCH = { ada: 1000, bo: 1500 } as const;
const d = () => {
  if (!deployment) throw new Error('the compose deployment did not come up');
  return deployment;
};

test.beforeAll(async () => {
  deployment = await prepareComposeDeployment(log);
  log(
    `images ready in ${deployment.figures.imagesSeconds.toFixed(0)} s (built: ${deployment.figures.imagesBuilt.join(', ') || 'none, all cached'})`,
  );
});

test.afterAll(async () => {
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await deployment?.destroy();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

/** HTTPS to the deployment as an outside client: haos.test resolved to its address, the test CA trusted. */
function https(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const { origin, address, certs } = d();
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...init.headers,
        },
        ca: readFileSync(certs.caFile),
        lookup: (_host, _options, callback) => callback(null, [{ address, family: 4 }]),
        timeout: 30_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body),
          }),
        );
      },
    );
    req.once('error', reject);
    req.once('timeout', () => req.destroy(new Error(`timed out: ${path}`)));
    req.end(init.body === undefined ? undefined : JSON.stringify(init.body));
  });
}

test('podman-compose up: every service of compose.yaml passes its own health check', async () => {
  const started = Date.now();
  await d().compose(['--profile', 'caddy', 'up', '-d']);
  expect(Object.keys(d().containers()).sort()).toEqual(
    [
      'caddy', 'haos', 'livekit1', 'livekit2', 'postgres', 'redis', 'synapse',
      'synapse-worker1', 'synapse-worker2',
    ], // prettier-ignore
  );
  // Nothing runs health checks here by itself (no systemd): ask each until it passes. haos
  // refuses to start until the deployment is bootstrapped (its appservice needs the service
  // admin's homeserver entry): it restarts until then, as an admin's first `up` does.
  await d().waitHealthy(8 * 60_000, ['haos']);
  // The admin's next step (docs/deploy.md): the service admin and a registration token.
  boot = await d().bootstrap();
  await d().compose(['restart', 'haos']);
  await d().waitHealthy(3 * 60_000);
  log(`up, bootstrapped and healthy in ${((Date.now() - started) / 1000).toFixed(0)} s`);
});

test('through Caddy over HTTPS: .well-known with rtc_foci, sign-up and login, the token service with CORS', async () => {
  if (!boot) throw new Error('the deployment was not bootstrapped');

  const { origin } = d();
  const wellKnown = await https('/.well-known/matrix/client');
  expect(wellKnown.status).toBe(200);
  expect(wellKnown.json()['org.matrix.msc4143.rtc_foci']).toEqual([
    { type: 'livekit', livekit_service_url: `${origin}/livekit/jwt` },
  ]);
  const app = await https('/', { headers: { Accept: 'text/html' } });
  expect(app.status).toBe(200);
  expect(app.body).toContain('<div id="root">');

  // Sign up with the registration token (UIA: token, then dummy), then log in.
  const username = `ada${Date.now().toString(36)}`;
  let auth: Record<string, unknown> = { type: 'm.login.dummy' };
  let registered: any;
  for (let stage = 0; stage < 4 && !registered; stage++) {
    const answer = await https('/_matrix/client/v3/register', {
      method: 'POST',
      body: { username, password: PASSWORD, auth },
    });
    if (answer.status === 200) registered = answer.json();
    else {
      expect(answer.status).toBe(401);
      const done: string[] = answer.json().completed ?? [];
      auth = done.includes('m.login.registration_token')
        ? { type: 'm.login.dummy', session: answer.json().session }
        : {
            type: 'm.login.registration_token',
            token: boot.registrationToken,
            session: answer.json().session,
          };
    }
  }
  expect(registered?.user_id).toBe(`@${username}:haos.test`);
  const login = await https('/_matrix/client/v3/login', {
    method: 'POST',
    body: { type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password: PASSWORD },
  }); // prettier-ignore
  expect(login.status).toBe(200);
  const token: string = login.json().access_token;
  const authed = { Authorization: `Bearer ${token}` };

  const room = await https('/_matrix/client/v3/createRoom', {
    method: 'POST',
    headers: authed,
    body: { preset: 'private_chat' },
  });
  expect(room.status).toBe(200);
  const openid = await https(
    `/_matrix/client/v3/user/${encodeURIComponent(registered.user_id)}/openid/request_token`,
    { method: 'POST', headers: authed, body: {} },
  );
  expect(openid.status).toBe(200);

  // Another client's origin (Element Call) asks the token service: preflight, then the token.
  const other = 'https://call.element.io';
  const preflight = await https('/livekit/jwt/sfu/get', {
    method: 'OPTIONS',
    headers: {
      Origin: other,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  expect(preflight.status).toBeLessThan(300);
  expect(preflight.headers['access-control-allow-origin']).toMatch(
    /^(\*|https:\/\/call\.element\.io)$/,
  );
  const sfu = await https('/livekit/jwt/sfu/get', {
    method: 'POST',
    headers: { Origin: other },
    body: {
      room: room.json().room_id,
      openid_token: openid.json(),
      device_id: login.json().device_id,
    },
  });
  expect(sfu.status, sfu.body).toBe(200);
  expect(sfu.headers['access-control-allow-origin']).toMatch(/^(\*|https:\/\/call\.element\.io)$/);
  expect(sfu.json().url).toBe('wss://haos.test/livekit/sfu');
  expect(sfu.json().jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  // LiveKit answers behind Caddy's health-checked pool.
  const signal = await https('/livekit/sfu/');
  expect(signal.status).toBe(200);
});

test('two people in Chromium sign up through Caddy, join a voice channel and hear each other', async () => {
  if (!boot) throw new Error('the deployment was not bootstrapped');
  const { address, certs, origin } = d();
  const person = async (pitch: number): Promise<Page> => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        `--host-resolver-rules=MAP haos.test ${address}, MAP *.haos.test ${address}`,
        `--ignore-certificate-errors-spki-list=${certs.spki}`,
        '--autoplay-policy=no-user-gesture-required',
        `--use-file-for-fake-audio-capture=${toneFile(pitch)}`,
      ],
    });
    browsers.push(browser);
    const page = await (await browser.newContext()).newPage();
    await installHearingProbe(page);
    await page.goto(origin);
    return page;
  };
  const [ada, bo] = await Promise.all([person(PITCH.ada), person(PITCH.bo)]);
  await Promise.all([
    signUp(ada, unique('ada'), boot.registrationToken),
    signUp(bo, unique('bo'), boot.registrationToken),
  ]);
  const invite = await createServerThroughUi(ada, 'Composed');
  expect(invite).toMatch(/^https:\/\/haos\.test\//);
  await joinThroughInvite(bo, invite);
  await Promise.all([joinVoice(ada), joinVoice(bo)]);
  await Promise.all([expectHears(ada, PITCH.bo, 60_000), expectHears(bo, PITCH.ada, 60_000)]);
  await Promise.all(browsers.splice(0).map((b) => b.close()));
});

test('podman-compose down -v leaves no container, volume, network or listener behind', async () => {
  const { project } = d();
  expect(d().volumes().length).toBeGreaterThan(0);
  await d().compose(['down', '-v', '-t', '10']);
  expect(d().containers()).toEqual({});
  expect(d().volumes()).toEqual([]);
  expect(d().networks()).toEqual([]);
  // Every port the plan gave a service is free again.
  for (const { host, port } of d().tcpPorts())
    expect(await isTcpPortFree(port, host), `${project}: ${host}:${port}`).toBe(true);
});
