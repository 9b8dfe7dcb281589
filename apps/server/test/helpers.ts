import { Writable } from 'node:stream';
import type { ServerConfig } from '../src/config.js';

export const LIVEKIT_KEY = 'APItestkey';
export const LIVEKIT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'info',
    livekitUrl: 'ws://127.0.0.1:7880',
    livekitApiUrl: 'http://127.0.0.1:7880',
    livekitKey: LIVEKIT_KEY,
    livekitSecret: LIVEKIT_SECRET,
    homeserverUrls: { 'hs.test': 'http://hs.test.local' },
    trustedHomeservers: [{ serverName: 'hs.test', adminToken: 'admin-token-secret' }],
    corsOrigins: ['http://app.test'],
    tokenTtlSeconds: 600,
    roomEmptyTimeoutSeconds: 120,
    roomDepartureTimeoutSeconds: 20,
    rateLimitPerIpPerMinute: 1000,
    rateLimitPerUserPerMinute: 1000,
    rateLimitJoinsPerUserPerMinute: 1000,
    membershipCacheSeconds: 30,
    callMembershipGraceSeconds: 15,
    callMembershipFlapSeconds: 30,
    redisUrl: undefined,
    metrics: { host: '127.0.0.1', port: undefined },
    appservice: undefined,
    webDist: undefined,
    webConfig: undefined,
    trustProxy: false,
    ...overrides,
  };
}

export interface FakeHomeserver {
  fetch: typeof fetch;
  /** OpenID access token → subject. */
  tokens: Map<string, string>;
  /** room ID → joined members, as the admin API reports them (per user and per room). */
  rooms: Map<string, string[]>;
  calls: string[];
  /** Delayed-event actions asked for, as `<delay_id> <action>` (with the auth it came with). */
  delayed: { id: string; action: string; auth: string | null }[];
  /** Delay IDs the homeserver no longer has (sent or cancelled): 404 to any action. */
  goneDelays: Set<string>;
  /** What `/.well-known/matrix/client` says, if anything. */
  wellKnownClient: Record<string, unknown> | undefined;
  down: boolean;
}

/** A narrow fake of the homeserver endpoints the service calls (OpenID userinfo, admin joined rooms and room lookup). */
export function fakeHomeserver(base = 'http://hs.test.local'): FakeHomeserver {
  const hs: FakeHomeserver = {
    tokens: new Map(),
    rooms: new Map(),
    calls: [],
    delayed: [],
    goneDelays: new Set(),
    wellKnownClient: undefined,
    down: false,
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      );
      hs.calls.push(url.pathname);
      if (hs.down || !url.href.startsWith(base))
        return Promise.reject(new TypeError('fetch failed'));
      if (url.pathname === '/_matrix/federation/v1/openid/userinfo') {
        const sub = hs.tokens.get(url.searchParams.get('access_token') ?? '');
        return Promise.resolve(
          sub
            ? Response.json({ sub })
            : Response.json(
                { errcode: 'M_UNKNOWN_TOKEN', error: 'Access Token unknown or expired' },
                { status: 401 },
              ),
        );
      }
      if (url.pathname === '/.well-known/matrix/client' && hs.wellKnownClient) {
        return Promise.resolve(Response.json(hs.wellKnownClient));
      }
      const delayed =
        /^\/_matrix\/client\/unstable\/org\.matrix\.msc4140\/delayed_events\/([^/]+)\/(restart|send|cancel)$/.exec(
          url.pathname,
        );
      if (delayed && init?.method === 'POST') {
        const id = decodeURIComponent(delayed[1] ?? '');
        hs.delayed.push({
          id,
          action: delayed[2] ?? '',
          auth: new Headers(init.headers).get('authorization'),
        });
        return Promise.resolve(
          hs.goneDelays.has(id)
            ? Response.json(
                { errcode: 'M_NOT_FOUND', error: 'Delayed event not found' },
                { status: 404 },
              )
            : Response.json({}),
        );
      }
      const admin = /^\/_synapse\/admin\/v1\/(users|rooms)\/([^/]+)(\/joined_rooms)?$/.exec(
        url.pathname,
      );
      if (admin) {
        const auth = new Headers(init?.headers).get('authorization');
        if (auth !== 'Bearer admin-token-secret') {
          return Promise.resolve(Response.json({ errcode: 'M_FORBIDDEN' }, { status: 403 }));
        }
        const id = decodeURIComponent(admin[2] ?? '');
        if (admin[1] === 'users' && admin[3]) {
          const joined = [...hs.rooms].filter(([, m]) => m.includes(id)).map(([r]) => r);
          return Promise.resolve(Response.json({ joined_rooms: joined, total: joined.length }));
        }
        if (admin[1] === 'rooms' && !admin[3]) {
          return Promise.resolve(
            hs.rooms.has(id)
              ? Response.json({ room_id: id })
              : Response.json({ errcode: 'M_NOT_FOUND', error: 'Room not found' }, { status: 404 }),
          );
        }
      }
      return Promise.resolve(Response.json({ errcode: 'M_UNRECOGNIZED' }, { status: 404 }));
    },
  };
  return hs;
}

/** A log sink that keeps every line, to prove secrets never reach the logs. */
export function captureLogs(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}
