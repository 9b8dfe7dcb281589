import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetch as undiciFetch } from 'undici';
import { buildApp } from '../src/app.js';
import { createGuardedDispatcher, isPublicAddress, type Resolve } from '../src/net-guard.js';
import { captureLogs, testConfig } from './helpers.js';
import { fakeLiveKit, sfuGet, openid } from './harness.js';

/**
 * The token service cannot be turned against its own network (issue 13 §3): discovered
 * homeservers are dialled through a client that checks the address it actually connects to,
 * and never follows redirects. Real sockets on loopback stand for the internal services an
 * attacker would aim at; only DNS is made up (a name that resolves where the test says).
 */

/** A TCP listener that counts the connections it is offered. */
async function tripwire(
  host = '127.0.0.1',
): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createTcpServer((socket) => {
    hits += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

const resolveTo =
  (map: Record<string, string>): Resolve =>
  (hostname) => {
    const address = map[hostname];
    return address
      ? Promise.resolve([{ address, family: 4 }])
      : Promise.reject(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
  };

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['8.8.8.8', true],
    ['2001:4860:4860::8888', true],
    ['not an address', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('the guarded client', () => {
  it('makes no connection to a name that resolves to loopback', async () => {
    const wire = await tripwire();
    closers.push(() => wire.server.close());
    const dispatcher = createGuardedDispatcher({
      resolve: resolveTo({ 'evil.example': '127.0.0.1' }),
    });
    closers.push(() => void dispatcher.close());
    await expect(
      undiciFetch(`http://evil.example:${wire.port}/`, { dispatcher }),
    ).rejects.toMatchObject({ cause: { code: 'HAOS_BLOCKED_ADDRESS' } });
    await expect(
      undiciFetch(`http://127.0.0.1:${wire.port}/`, { dispatcher }),
    ).rejects.toMatchObject({ cause: { code: 'HAOS_BLOCKED_ADDRESS' } });
    expect(wire.hits()).toBe(0);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const dispatcher = createGuardedDispatcher({
      resolve: () =>
        Promise.resolve([
          { address: '8.8.8.8', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
    });
    closers.push(() => void dispatcher.close());
    await expect(undiciFetch('http://mixed.example:8448/', { dispatcher })).rejects.toMatchObject({
      cause: { code: 'HAOS_BLOCKED_ADDRESS' },
    });
  });
});

describe('the token service', () => {
  let tls: { key: string; cert: string };
  beforeAll(() => {
    // A certificate for the attacker's name, trusted by the test's client only.
    const dir = mkdtempSync(path.join(tmpdir(), 'haos-ssrf-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=evil.example',
        '-addext',
        'subjectAltName=DNS:evil.example',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  });
  afterAll(() => {});

  async function app(resolve: Resolve, allowAddress?: (a: string) => boolean) {
    const logs = captureLogs();
    const config = testConfig();
    const lk = fakeLiveKit();
    const built = await buildApp(config, {
      netGuard: { resolve, ...(allowAddress ? { allowAddress } : {}), tls: { ca: tls.cert } },
      rooms: lk.rooms,
      logStream: logs.stream,
    });
    closers.push(() => void built.close());
    return built;
  }

  it('makes no connection when a server name resolves to 127.0.0.1 (no blind port probe)', async () => {
    const wire = await tripwire();
    closers.push(() => wire.server.close());
    const service = await app(resolveTo({ 'evil.example': '127.0.0.1' }));
    const response = await service.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), openid_token: openid('x', `evil.example:${wire.port}`) },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      errcode: 'M_UNAUTHORIZED',
      error: 'The OpenID token could not be verified',
    });
    expect(wire.hits()).toBe(0);
  });

  async function evilServer(
    handler: Parameters<typeof createHttpsServer>[1],
    port = 0,
  ): Promise<{ server: HttpsServer; port: number; requests: string[] }> {
    const requests: string[] = [];
    const server = createHttpsServer(tls, (request, response) => {
      requests.push(request.url ?? '');
      handler!(request, response);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.2', resolve));
    closers.push(() => server.close());
    return { server, port: (server.address() as AddressInfo).port, requests };
  }

  it('does not follow a redirect from the OpenID userinfo endpoint to an internal address', async () => {
    const metadata = await tripwire('127.0.0.3');
    closers.push(() => metadata.server.close());
    const evil = await evilServer((_request, response) => {
      response.writeHead(302, { Location: `http://127.0.0.3:${metadata.port}/latest/meta-data/` });
      response.end();
    });
    // The attacker's own server counts as public here; what it redirects to must not be reached.
    const service = await app(resolveTo({ 'evil.example': '127.0.0.2' }), (a) => a === '127.0.0.2');
    const response = await service.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), openid_token: openid('x', `evil.example:${evil.port}`) },
    });
    expect(response.statusCode).toBe(401);
    expect(evil.requests).toHaveLength(1);
    expect(metadata.hits()).toBe(0);
  });

  it('does not follow a .well-known redirect (to an internal address or anywhere)', async () => {
    const metadata = await tripwire('127.0.0.3');
    closers.push(() => metadata.server.close());
    // .well-known lives on port 443 of the server name.
    const evil = await evilServer((_request, response) => {
      response.writeHead(301, { Location: `http://127.0.0.3:${metadata.port}/latest/meta-data/` });
      response.end();
    }, 443);
    const service = await app(resolveTo({ 'evil.example': '127.0.0.2' }), (a) => a === '127.0.0.2');
    const response = await service.inject({
      method: 'POST',
      url: '/sfu/get',
      payload: { ...sfuGet(), openid_token: openid('x', 'evil.example') },
    });
    expect(response.statusCode).toBe(401);
    expect(evil.requests).toEqual(['/.well-known/matrix/server']);
    expect(metadata.hits()).toBe(0);
  });
});
