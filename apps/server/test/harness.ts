import type { FastifyInstance } from 'fastify';
import { ParticipantInfo, ServerError } from 'livekit-server-sdk';
import { buildApp, type AppDeps } from '../src/app.js';
import type { ServerConfig } from '../src/config.js';
import { createSfuTokenIssuer, type LiveKitRooms } from '../src/livekit.js';
import { captureLogs, fakeHomeserver, testConfig, type FakeHomeserver } from './helpers.js';

export const ROOM = '!voice:hs.test';
export const ALICE = '@alice:hs.test';

export interface CreatedRoom {
  name?: string;
  emptyTimeout?: number;
  departureTimeout?: number;
  metadata?: string;
}

/** A narrow fake of LiveKit's room service: rooms created, participants per room, removals. */
export interface FakeLiveKit {
  rooms: LiveKitRooms;
  created: CreatedRoom[];
  participants: Map<string, ParticipantInfo[]>;
  removed: { alias: string; identity: string }[];
  failRooms: boolean;
}

const notFound = () => new ServerError('not_found', 'participant not found', 404, 'not_found');

export function fakeLiveKit(): FakeLiveKit {
  const lk: FakeLiveKit = {
    created: [],
    participants: new Map(),
    removed: [],
    failRooms: false,
    rooms: {
      createRoom: (options: CreatedRoom) => {
        if (lk.failRooms)
          return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7880 secret internals'));
        lk.created.push(options);
        return Promise.resolve({} as never);
      },
      listParticipants: (alias: string) => Promise.resolve([...(lk.participants.get(alias) ?? [])]),
      getParticipant: (alias: string, identity: string) => {
        const found = lk.participants.get(alias)?.find((p) => p.identity === identity);
        return found ? Promise.resolve(found) : Promise.reject(notFound());
      },
      removeParticipant: (alias: string, identity: string) => {
        const list = lk.participants.get(alias) ?? [];
        const index = list.findIndex((p) => p.identity === identity);
        if (index < 0) return Promise.reject(notFound());
        list.splice(index, 1);
        lk.removed.push({ alias, identity });
        return Promise.resolve();
      },
    },
  };
  return lk;
}

/** A participant as LiveKit reports it, built from the attributes of a JWT the service minted. */
export function participantFromJwt(jwt: string): ParticipantInfo {
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
    attributes?: Record<string, string>;
  };
  return new ParticipantInfo({ identity: claims.sub, attributes: claims.attributes ?? {} });
}

export interface Harness {
  app: FastifyInstance;
  hs: FakeHomeserver;
  lk: FakeLiveKit;
  created: CreatedRoom[];
  logs: () => string;
}

export async function harness(
  overrides: Partial<ServerConfig> = {},
  opts: { failRooms?: boolean; deps?: AppDeps } = {},
): Promise<Harness> {
  const config = testConfig(overrides);
  const hs = fakeHomeserver();
  hs.tokens.set('alice-openid', ALICE);
  hs.tokens.set('bob-openid', '@bob:hs.test');
  hs.tokens.set('mallory-openid', '@mallory:elsewhere.test');
  hs.rooms.set(ROOM, [ALICE, '@carol:remote.example']);
  const lk = fakeLiveKit();
  lk.failRooms = Boolean(opts.failRooms);
  const logs = captureLogs();
  const app = await buildApp(config, {
    fetch: hs.fetch,
    rooms: lk.rooms,
    issuer: createSfuTokenIssuer(config, lk.rooms),
    logStream: logs.stream,
    ...opts.deps,
  });
  return { app, hs, lk, created: lk.created, logs: logs.text };
}

export const openid = (token: string, server = 'hs.test') => ({
  access_token: token,
  token_type: 'Bearer',
  matrix_server_name: server,
  expires_in: 3600,
});

export const sfuGet = (token = 'alice-openid', extra: Record<string, unknown> = {}) => ({
  room: ROOM,
  openid_token: openid(token),
  device_id: 'ALICEDEVICE',
  ...extra,
});

export const getToken = (token = 'alice-openid', member: Record<string, unknown> = {}) => ({
  room_id: ROOM,
  slot_id: 'm.call#ROOM',
  openid_token: openid(token),
  member: { id: 'member-1', claimed_user_id: ALICE, claimed_device_id: 'ALICEDEVICE', ...member },
});
