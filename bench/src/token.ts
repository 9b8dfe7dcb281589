import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRoom,
  matrixRequest,
  registerUser,
  requestOpenIdToken,
  startStack,
  type RunningStack,
  type TestUser,
} from '@haos/stack';
import { load, type LoadFigures } from './token-load.js';
import { measureTrust, type TrustFigures } from './token-trust.js';
import { spawnServer, type ExtraServer } from './token-server.js';

/**
 * The token service under load, on a local stack (real Synapse, LiveKit, haos-server): token
 * issue for a member of a 2-member room and of a 10,000-member room, at concurrency 1, 10 and
 * 50, with the cache of membership answers on and off (off: every request asks Synapse about
 * the one user); the rejection path (junk bodies, and a flood over the per-address budget); and
 * how fast the trust machinery acts (ban → removed from LiveKit, webhook → delegated leave).
 * Prints figures; asserts nothing. The 10,000-member room is seeded once through the Synapse
 * admin API and kept in the bench instance for later runs.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIG_ROOM_MEMBERS = Number(process.env.HAOS_BENCH_ROOM_MEMBERS ?? 10_000);
const SECONDS = Number(process.env.HAOS_BENCH_SECONDS ?? 5);
const CONCURRENCY = [1, 10, 50];
const UNLIMITED = {
  HAOS_RATE_LIMIT_PER_IP: '1000000',
  HAOS_RATE_LIMIT_PER_USER: '1000000',
  HAOS_RATE_LIMIT_JOINS_PER_USER: '1000000',
};

export interface TokenScenario extends LoadFigures {
  room: 'small' | 'big';
  cache: 'on' | 'off';
}

export interface TokenFigures {
  bigRoomMembers: number;
  seeding: { seconds: number; reused: boolean };
  issue: TokenScenario[];
  /** big ÷ small, p50 latency and CPU per request, at each concurrency (cache off). */
  ratios: { connections: number; p50: number; cpu: number }[];
  rejection: (LoadFigures & { path: string; server: 'this' | 'baseline' })[];
  trust: TrustFigures;
}

async function adminRequest(stack: RunningStack, method: string, url: string, body?: unknown) {
  const response = await fetch(`${stack.urls.synapse}${url}`, {
    method,
    headers: { Authorization: `Bearer ${stack.adminToken}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A public room with `members` joined users, made through the admin API: users are created
 * without a password (no hashing) and joined by the admin join API, a few at a time.
 */
async function seedBigRoom(
  stack: RunningStack,
  roomId: string,
  from: number,
  members: number,
  log: (line: string) => void,
): Promise<void> {
  // Member 0 is the owner; creating a user and joining them are both idempotent, so a run cut
  // short resumes a little before where the room stands.
  let next = Math.max(1, from);
  const started = Date.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= members) return;
      const userId = `@seed-${i}:${stack.serverName}`;
      await adminRequest(stack, 'PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
        displayname: `Seed ${i}`,
      });
      await adminRequest(stack, 'POST', `/_synapse/admin/v1/join/${encodeURIComponent(roomId)}`, {
        user_id: userId,
      });
      if (i % 500 === 0)
        log(`seeded ${i} of ${members} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

interface Setup {
  owner: TestUser;
  bigRoom: string;
}

async function setUp(stack: RunningStack, log: (line: string) => void) {
  // The marker is written before seeding starts, so a run cut short (seeding takes tens of
  // minutes on a small machine) is resumed by the next one instead of starting over.
  const marker = path.join(stack.dir, 'bench-token.json');
  const started = Date.now();
  let setup: Setup | undefined;
  let joined = 0;
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as Setup;
    const room = await adminRequest(
      stack,
      'GET',
      `/_synapse/admin/v1/rooms/${encodeURIComponent(saved.bigRoom)}`,
    ).catch(() => undefined);
    if (room) {
      setup = saved;
      joined = Number(room.joined_members);
      if (joined >= BIG_ROOM_MEMBERS) return { ...saved, seeding: { seconds: 0, reused: true } };
      log(`resuming the seeding at ${joined} of ${BIG_ROOM_MEMBERS}`);
    }
  }
  if (!setup) {
    const owner = await registerUser(stack.urls.synapse, `bench-owner-${Date.now().toString(36)}`);
    const bigRoom = await createRoom(stack.urls.synapse, owner, {
      preset: 'public_chat',
      name: `Big room (${BIG_ROOM_MEMBERS})`,
    });
    setup = { owner, bigRoom };
    writeFileSync(marker, JSON.stringify(setup));
  }
  await seedBigRoom(stack, setup.bigRoom, joined - 6, BIG_ROOM_MEMBERS, log);
  return {
    ...setup,
    seeding: { seconds: Math.round((Date.now() - started) / 1000), reused: false },
  };
}

export async function measureToken(
  options: { log?: (line: string) => void } = {},
): Promise<TokenFigures> {
  const log = options.log ?? (() => {});
  const stack = await startStack({
    name: 'bench-token',
    ports: 'free',
    web: 'none',
    log: (line) => log(`[stack] ${line}`),
    serverEnv: UNLIMITED,
  });
  const extra: ExtraServer[] = [];
  try {
    const { owner, bigRoom, seeding } = await setUp(stack, log);
    const hs = stack.urls.synapse;
    // The member under test: in a 2-member room with the owner, and in the big room.
    const member = await registerUser(hs, `bench-member-${Date.now().toString(36)}`);
    const smallRoom = await createRoom(hs, owner, { preset: 'public_chat', name: 'Small room' });
    for (const room of [smallRoom, bigRoom]) {
      await matrixRequest(
        hs,
        member,
        'POST',
        `/_matrix/client/v3/join/${encodeURIComponent(room)}`,
        {},
      );
    }
    const openid = await requestOpenIdToken(hs, member);
    const body = (room: string) =>
      JSON.stringify({ room, openid_token: openid, device_id: member.deviceId });

    const cached = {
      url: stack.urls.server,
      pid: stack.services.find((s) => s.name === 'haos-server')!.child.pid!,
    };
    const uncachedServer = await spawnServer(stack, repoRoot, 'uncached', {
      ...UNLIMITED,
      HAOS_MEMBERSHIP_CACHE_SECONDS: '0',
    });
    extra.push(uncachedServer);
    const limitedServer = await spawnServer(stack, repoRoot, 'limited', {});
    extra.push(limitedServer);

    const issue: TokenScenario[] = [];
    for (const [cache, server] of [
      ['off', uncachedServer],
      ['on', cached],
    ] as const) {
      for (const [room, roomId] of [
        ['small', smallRoom],
        ['big', bigRoom],
      ] as const) {
        for (const connections of CONCURRENCY) {
          const url = `${server.url}/sfu/get`;
          await load({ url, body: body(roomId), connections, seconds: 1, pid: server.pid });
          const figures = await load({
            url,
            body: body(roomId),
            connections,
            seconds: SECONDS,
            pid: server.pid,
          });
          issue.push({ room, cache, ...figures });
          log(
            `issue ${room} room, cache ${cache}, ${connections} connections: ${figures.requestsPerSecond} req/s`,
          );
        }
      }
    }
    const ratios = CONCURRENCY.map((connections) => {
      const of = (room: 'small' | 'big') =>
        issue.find((s) => s.cache === 'off' && s.room === room && s.connections === connections)!;
      const round = (n: number) => Math.round(n * 100) / 100;
      return {
        connections,
        p50: round(of('big').p50Ms / Math.max(of('small').p50Ms, 0.01)),
        cpu: round(of('big').cpuPerRequestUs / Math.max(of('small').cpuPerRequestUs, 1)),
      };
    });

    // HAOS_BENCH_BASELINE names another checkout (say, the previous release) whose haos-server
    // is measured on the same rejection paths, side by side, on the same machine and stack.
    const baselineRoot = process.env.HAOS_BENCH_BASELINE;
    const baseline = baselineRoot
      ? {
          unlimited: await spawnServer(stack, repoRoot, 'baseline', UNLIMITED, [], baselineRoot),
          limited: await spawnServer(stack, repoRoot, 'baseline-limited', {}, [], baselineRoot),
        }
      : undefined;
    if (baseline) extra.push(baseline.unlimited, baseline.limited);
    type Target = { url: string; pid: number };
    const junk = (unlimited: Target, limited: Target) =>
      [
        ['400 M_BAD_JSON: {} (schema)', unlimited, '{}'],
        ['400 M_NOT_JSON: not JSON', unlimited, 'not json'],
        [
          '400 M_BAD_JSON: a NUL in device_id',
          unlimited,
          body(smallRoom).replace(member.deviceId, 'X\\u0000Y'),
        ],
        ['429 M_LIMIT_EXCEEDED: flood over the per-address budget', limited, '{}'],
      ] as const;
    const runs = [
      ...junk(cached, limitedServer).map((j) => ['this', ...j] as const),
      ...(baseline
        ? junk(baseline.unlimited, baseline.limited).map((j) => ['baseline', ...j] as const)
        : []),
    ];
    const rejection: TokenFigures['rejection'] = [];
    for (const [which, label, server, payload] of runs) {
      const url = `${server.url}/sfu/get`;
      await load({ url, body: payload, connections: 10, seconds: 1, pid: server.pid });
      const figures = await load({
        url,
        body: payload,
        connections: 10,
        seconds: SECONDS,
        pid: server.pid,
      });
      rejection.push({ path: label, server: which, ...figures });
    }

    const trust = await measureTrust(stack, repoRoot, log);
    return { bigRoomMembers: BIG_ROOM_MEMBERS, seeding, issue, ratios, rejection, trust };
  } finally {
    await Promise.all(extra.map((s) => s.stop()));
    await stack.stop();
  }
}
