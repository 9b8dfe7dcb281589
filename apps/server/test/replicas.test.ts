import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { createSfuTokenIssuer } from '../src/livekit.js';
import { livekitRoomAlias, LEGACY_SLOT_ID } from '../src/identity.js';
import { createRedisStore } from '../src/store.js';
import { captureLogs, fakeHomeserver, testConfig, type FakeHomeserver } from './helpers.js';
import {
  ALICE,
  fakeLiveKit,
  participantFromJwt,
  ROOM,
  sfuGet,
  type FakeLiveKit,
} from './harness.js';
import { sendWebhook } from './webhooks.js';

/**
 * Several stateless haos-server replicas behind one URL, sharing a real Redis (HAOS_REDIS_URL):
 * a delegation made on one is acted on by another, budgets are shared, and a membership change
 * pushed to one drops the cached answer for all.
 */

let redis: ChildProcess;
let redisUrl: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  redisUrl = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const store = await createRedisStore(redisUrl);
      await store.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
afterAll(() => {
  redis.kill('SIGKILL');
});

interface Replicas {
  a: FastifyInstance;
  b: FastifyInstance;
  hs: FakeHomeserver;
  lk: FakeLiveKit;
}
let replicas: Replicas | undefined;
afterEach(async () => {
  await replicas?.a.close();
  await replicas?.b.close();
  replicas = undefined;
});

const appservice = {
  serverName: 'hs.test',
  id: 'haos',
  asToken: 'as-token-secret-value',
  hsToken: 'hs-token-secret-value',
};

let nextDb = 1;
async function twoReplicas(overrides = {}): Promise<Replicas> {
  // A fresh key space per test: the replicas share it, the tests do not.
  const db = nextDb++;
  const config = testConfig({ redisUrl: `${redisUrl}/${db}`, appservice, ...overrides });
  const hs = fakeHomeserver();
  hs.tokens.set('alice-openid', ALICE);
  hs.rooms.set(ROOM, [ALICE]);
  const lk = fakeLiveKit();
  const build = () =>
    buildApp(config, {
      fetch: hs.fetch,
      rooms: lk.rooms,
      issuer: createSfuTokenIssuer(config, lk.rooms),
      logStream: captureLogs().stream,
    });
  const a = await build();
  const b = await build();
  replicas = { a, b, hs, lk };
  return replicas;
}

const alias = livekitRoomAlias(ROOM, LEGACY_SLOT_ID);
const identity = `${ALICE}:ALICEDEVICE`;

describe('replicas sharing Redis', () => {
  it('acts on a delegation made on another replica, and sends the leave once', async () => {
    const { a, b, hs } = await twoReplicas();
    const token = await a.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: sfuGet('alice-openid', { delay_id: 'syd_r', delay_timeout: 1500 }),
    });
    expect(token.statusCode).toBe(200);
    await sendWebhook(b, 'participant_joined', { name: alias }, identity);
    await expect
      .poll(() => hs.delayed.filter((d) => d.action === 'restart').length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await Promise.all([
      sendWebhook(a, 'participant_left', { name: alias }, identity),
      sendWebhook(b, 'participant_left', { name: alias }, identity),
    ]);
    await expect
      .poll(() => hs.delayed.filter((d) => d.action === 'send').length, { timeout: 5000 })
      .toBe(1);
    const restartsAfter = hs.delayed.filter((d) => d.action === 'restart').length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(hs.delayed.filter((d) => d.action === 'restart').length).toBe(restartsAfter);
  }, 30_000);

  it('counts one budget across replicas', async () => {
    const { a, b } = await twoReplicas({ rateLimitJoinsPerUserPerMinute: 2 });
    const join = (app: FastifyInstance, device: string) =>
      app.inject({
        method: 'POST',
        url: '/sfu/get',
        payload: sfuGet('alice-openid', { device_id: device }),
      });
    expect((await join(a, 'D1')).statusCode).toBe(200);
    expect((await join(b, 'D2')).statusCode).toBe(200);
    expect((await join(a, 'D3')).statusCode).toBe(429);
    // The same join again, on the other replica, is not a new join.
    expect((await join(b, 'D1')).statusCode).toBe(200);
  });

  it('drops the cached membership on every replica when one is told of a leave', async () => {
    const { a, b, hs, lk } = await twoReplicas();
    const first = await b.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
    lk.participants.set(alias, [participantFromJwt(first.json<{ jwt: string }>().jwt)]);
    hs.rooms.set(ROOM, []);
    // Still cached: B answers from the shared cache.
    expect(
      (await b.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() })).statusCode,
    ).toBe(200);
    const push = await a.inject({
      method: 'PUT',
      url: '/_matrix/app/v1/transactions/r1',
      headers: { authorization: `Bearer ${appservice.hsToken}` },
      payload: {
        events: [
          {
            type: 'm.room.member',
            room_id: ROOM,
            sender: ALICE,
            state_key: ALICE,
            content: { membership: 'leave' },
          },
        ],
      },
    });
    expect(push.statusCode).toBe(200);
    expect(lk.removed).toEqual([{ alias, identity }]);
    expect(
      (await b.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() })).statusCode,
    ).toBe(403);
  });
});
