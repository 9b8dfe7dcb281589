import { describe, expect, it } from 'vitest';
import { HomeserverResolver } from './homeserver.js';

function resolverWith(
  wellKnown: Record<string, unknown>,
  srv: Record<string, { name: string; port: number }[]> = {},
) {
  const fetched: string[] = [];
  const resolver = new HomeserverResolver({
    overrides: { localhost: 'http://127.0.0.1:8008/' },
    fetch: ((url: string) => {
      fetched.push(url);
      const host = new URL(url).host;
      return host in wellKnown
        ? Promise.resolve(Response.json(wellKnown[host]))
        : Promise.resolve(new Response('not found', { status: 404 }));
    }) as typeof fetch,
    resolveSrv: (name) =>
      name in srv ? Promise.resolve(srv[name] ?? []) : Promise.reject(new Error('ENOTFOUND')),
  });
  return { resolver, fetched };
}

describe('HomeserverResolver', () => {
  it('uses the override map first', async () => {
    const { resolver, fetched } = resolverWith({});
    expect(await resolver.federationBaseUrl('localhost')).toBe('http://127.0.0.1:8008');
    expect(fetched).toEqual([]);
  });

  it('follows .well-known/matrix/server delegation, adding port 8448 when none is given', async () => {
    const { resolver } = resolverWith({
      'example.org': { 'm.server': 'matrix.example.org' },
      'example.net': { 'm.server': 'matrix.example.net:443' },
    });
    expect(await resolver.federationBaseUrl('example.org')).toBe('https://matrix.example.org:8448');
    expect(await resolver.federationBaseUrl('example.net')).toBe('https://matrix.example.net:443');
  });

  it('falls back to SRV, then to port 8448', async () => {
    const { resolver } = resolverWith(
      {},
      { '_matrix-fed._tcp.example.com': [{ name: 'fed.example.com', port: 8449 }] },
    );
    expect(await resolver.federationBaseUrl('example.com')).toBe('https://fed.example.com:8449');
    expect(await resolver.federationBaseUrl('plain.example')).toBe('https://plain.example:8448');
  });

  it('uses an explicit port as given, without discovery', async () => {
    const { resolver, fetched } = resolverWith({});
    expect(await resolver.federationBaseUrl('example.org:8443')).toBe('https://example.org:8443');
    expect(fetched).toEqual([]);
  });

  it.each(['127.0.0.1', '10.1.2.3:8448', '[::1]', 'intranet', 'metadata.google.internal.'])(
    'refuses the unmapped internal name %s',
    async (name) => {
      const { resolver } = resolverWith({});
      await expect(resolver.federationBaseUrl(name)).rejects.toThrow(/not allowed/);
    },
  );

  it('refuses a delegation that points at an internal address', async () => {
    const { resolver } = resolverWith({ 'evil.example': { 'm.server': '127.0.0.1:6379' } });
    await expect(resolver.federationBaseUrl('evil.example')).rejects.toThrow(
      /delegation not allowed/,
    );
  });

  it('caches what it discovered', async () => {
    const { resolver, fetched } = resolverWith({
      'example.org': { 'm.server': 'matrix.example.org' },
    });
    await resolver.federationBaseUrl('example.org');
    await resolver.federationBaseUrl('example.org');
    expect(fetched).toHaveLength(1);
  });
});
