import { describe, expect, it, vi } from 'vitest';
import { CallFailure } from './call-error';
import { discoverTransport, type TransportClient } from './transport';

const HOMESERVER = 'https://matrix.example.org';

function fakeClient(transports: () => Promise<unknown>): TransportClient {
  return {
    _unstable_getRTCTransports: transports,
    getHomeserverUrl: () => HOMESERVER,
    getDomain: () => 'example.org',
  } as unknown as TransportClient;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const wellKnown = (foci: unknown) => json({ 'org.matrix.msc4143.rtc_foci': foci });

const unsupported = () => Promise.reject(new Error('M_UNRECOGNIZED'));

function fakeFetch(respond: () => Response) {
  return vi.fn<typeof fetch>(() => Promise.resolve(respond()));
}

describe('discoverTransport', () => {
  it('prefers the MSC4143 transports endpoint and does not fetch well-known', async () => {
    const fetchImpl = fakeFetch(() => wellKnown([]));
    const transport = await discoverTransport(
      fakeClient(() =>
        Promise.resolve([{ type: 'livekit', livekit_service_url: 'https://rtc.example.org/' }]),
      ),
      'https://configured.example.org',
      fetchImpl,
    );
    expect(transport).toEqual({ type: 'livekit', livekit_service_url: 'https://rtc.example.org' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('skips non-livekit entries, non-http URLs and plain http away from this machine', async () => {
    const transport = await discoverTransport(
      fakeClient(() =>
        Promise.resolve([
          null,
          'livekit',
          { type: 'full-mesh', livekit_service_url: 'https://mesh.example.org' },
          { type: 'livekit' },
          { type: 'livekit', livekit_service_url: 42 },
          { type: 'livekit', livekit_service_url: 'javascript:alert(1)' },
          { type: 'livekit', livekit_service_url: 'wss://sfu.example.org' },
          { type: 'livekit', livekit_service_url: 'not a url' },
          // Plain http would send the OpenID token in clear text: only on this machine.
          { type: 'livekit', livekit_service_url: 'http://rtc.example.org/lk' },
          { type: 'livekit', livekit_service_url: 'http://127.0.0.1:8090/lk//' },
        ]),
      ),
      undefined,
      fakeFetch(() => wellKnown([])),
    );
    expect(transport.livekit_service_url).toBe('http://127.0.0.1:8090/lk');
  });

  it('falls back to well-known rtc_foci when the transports endpoint throws', async () => {
    const fetchImpl = fakeFetch(() =>
      wellKnown([
        { type: 'other', livekit_service_url: 'https://other.example.org' },
        { type: 'livekit', livekit_service_url: 'https://wk.example.org/' },
      ]),
    );
    const transport = await discoverTransport(fakeClient(unsupported), undefined, fetchImpl);
    expect(transport).toEqual({ type: 'livekit', livekit_service_url: 'https://wk.example.org' });
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('https://example.org/.well-known/matrix/client');
  });

  it("reads well-known from the server name's domain first, then the homeserver's host", async () => {
    const fetchImpl = vi.fn<(url: string) => Promise<Response>>((url) =>
      url.startsWith(HOMESERVER)
        ? Promise.resolve(
            wellKnown([{ type: 'livekit', livekit_service_url: 'https://hs-wk.example.org' }]),
          )
        : Promise.reject(new TypeError('fetch failed')),
    );
    const transport = await discoverTransport(
      fakeClient(unsupported),
      undefined,
      fetchImpl as unknown as typeof fetch,
    );
    expect(transport.livekit_service_url).toBe('https://hs-wk.example.org');
    expect(fetchImpl.mock.calls.map(([url]) => url)).toEqual([
      'https://example.org/.well-known/matrix/client',
      `${HOMESERVER}/.well-known/matrix/client`,
    ]);
  });

  it.each([
    ['undefined', undefined],
    ['an empty list', []],
    [
      'only unusable entries',
      [{ type: 'mesh' }, { type: 'livekit', livekit_service_url: 'ftp://x' }],
    ],
    ['a non-list', { type: 'livekit', livekit_service_url: 'https://rtc.example.org' }],
  ])('falls back to well-known when the transports endpoint returns %s', async (_label, list) => {
    const transport = await discoverTransport(
      fakeClient(() => Promise.resolve(list)),
      'https://configured.example.org',
      fakeFetch(() =>
        wellKnown([{ type: 'livekit', livekit_service_url: 'https://wk.example.org' }]),
      ),
    );
    expect(transport.livekit_service_url).toBe('https://wk.example.org');
  });

  it.each([
    ['a failed request', () => Promise.reject(new TypeError('network'))],
    ['a 404', () => Promise.resolve(new Response('not found', { status: 404 }))],
    ['a body that is not JSON', () => Promise.resolve(new Response('<html>', { status: 200 }))],
    ['no rtc_foci', () => Promise.resolve(json({ 'm.homeserver': { base_url: HOMESERVER } }))],
    [
      'only unusable rtc_foci',
      () => Promise.resolve(wellKnown([{ type: 'livekit', livekit_service_url: 'file:///etc' }])),
    ],
  ])('uses the configured URL after %s from well-known', async (_label, respond) => {
    const transport = await discoverTransport(
      fakeClient(unsupported),
      'https://configured.example.org///',
      vi.fn<typeof fetch>(respond),
    );
    expect(transport).toEqual({
      type: 'livekit',
      livekit_service_url: 'https://configured.example.org',
    });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not http', 'ws://configured.example.org'],
  ])('fails with NO_TRANSPORT when nothing is found and the config is %s', async (_l, config) => {
    const attempt = discoverTransport(
      fakeClient(unsupported),
      config,
      fakeFetch(() => new Response('', { status: 404 })),
    );
    await expect(attempt).rejects.toBeInstanceOf(CallFailure);
    await expect(attempt).rejects.toMatchObject({ code: 'NO_TRANSPORT' });
  });
});
