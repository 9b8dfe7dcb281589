import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import { CallFailure } from './call-error';
import { fetchSfuToken, type TokenClient } from './sfu-token';

/**
 * HAOS's client against an lk-jwt-service-shaped deployment (Element's token service, behind a
 * reverse proxy at /livekit/jwt): real HTTP, answers written the way lk-jwt-service writes them
 * (Go's json.Encoder: a trailing newline; `Access-Control-Allow-Origin: *`; its JWT has no
 * `name` claim and the `/sfu/get` identity "<user>:<device>"; Matrix errors with its texts).
 */

const USER = '@alice:example.org';
const DEVICE = 'DEVICEID';
const ROOM = '!voice:example.org';
const KEY = 'devkey';
const SECRET = 'secret-that-is-long-enough-for-livekit-tokens';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

const goJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers':
      'Accept, Content-Type, Content-Length, Accept-Encoding, X-CSRF-Token',
  });
  res.end(`${JSON.stringify(body)}\n`);
};

/** Serves /livekit/jwt/sfu/get as lk-jwt-service does, with `answer` deciding the outcome. */
async function lkJwtService(
  answer: (body: Record<string, unknown>) => 'ok' | 'unauthorised' | 'not json',
): Promise<{ url: string; bodies: Record<string, unknown>[] }> {
  const bodies: Record<string, unknown>[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      if (req.url !== '/livekit/jwt/sfu/get' || req.method !== 'POST') {
        res.writeHead(404).end('404 page not found\n');
        return;
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      bodies.push(body);
      const outcome = answer(body);
      if (outcome === 'unauthorised') {
        goJson(res, 401, {
          errcode: 'M_UNAUTHORIZED',
          error: 'The request could not be authorised.',
        });
        return;
      }
      if (outcome === 'not json') {
        goJson(res, 400, { errcode: 'M_NOT_JSON', error: 'Error reading request' });
        return;
      }
      const token = new AccessToken(KEY, SECRET, {
        identity: `${USER}:${String(body.device_id)}`,
        ttl: 3600,
      });
      token.addGrant({
        room: 'hKUmMxX5Yx3LKxuplJ3Y+VRW3Nq6zZS4ulL0qMUVZkU',
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        canUpdateOwnMetadata: true,
      });
      void token.toJwt().then((jwt) => goJson(res, 200, { url: 'wss://sfu.example.org', jwt }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/livekit/jwt`, bodies };
}

const client = {
  getOpenIdToken: () =>
    Promise.resolve({
      access_token: 'openid-token',
      token_type: 'Bearer',
      matrix_server_name: 'example.org',
      expires_in: 3600,
    }),
  getDeviceId: () => DEVICE,
} as unknown as TokenClient;

describe('HAOS against an lk-jwt-service deployment', () => {
  it('gets a token over /sfu/get and reads the room alias and identity from it', async () => {
    const service = await lkJwtService(() => 'ok');
    const sfu = await fetchSfuToken(client, service.url, ROOM);
    expect(sfu.url).toBe('wss://sfu.example.org');
    expect(sfu.alias).toBe('hKUmMxX5Yx3LKxuplJ3Y+VRW3Nq6zZS4ulL0qMUVZkU');
    expect(sfu.identity).toBe(`${USER}:${DEVICE}`);
    // Only fields lk-jwt-service knows (it refuses unknown ones).
    const known = [
      'room',
      'openid_token',
      'device_id',
      'delay_id',
      'delay_timeout',
      'delay_cs_api_url',
    ];
    expect(Object.keys(service.bodies[0] ?? {}).every((k) => known.includes(k))).toBe(true);
    expect(service.bodies[0]).toMatchObject({ room: ROOM, device_id: DEVICE });
  });

  it('says the service refused, with its text, when lk-jwt-service answers 401', async () => {
    const service = await lkJwtService(() => 'unauthorised');
    const failure = await fetchSfuToken(client, service.url, ROOM).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CallFailure);
    expect((failure as CallFailure).code).toBe('TOKEN_REFUSED');
    expect((failure as CallFailure).message).toMatch(/could not be authorised/);
  });
});
