import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

export type Fetch = typeof fetch;

const FETCH_TIMEOUT_MS = 5000;
const CACHE_TTL_MS = 60 * 60 * 1000;
const CACHE_MAX = 1000;

export class ResolveError extends Error {
  override name = 'ResolveError';
}

/** host[:port] with a DNS host name; IP literals are only reachable through the override map. */
const PUBLIC_SERVER_NAME = /^(?=.{1,253}(:|$))([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}(:\d{1,5})?$/;

export interface HomeserverResolverOptions {
  /** server name → base URL, used before any discovery (local deployments, tests). */
  overrides: Record<string, string>;
  fetch?: Fetch;
  resolveSrv?: (name: string) => Promise<{ name: string; port: number }[]>;
}

/**
 * Finds the base URL serving a homeserver's federation API (where OpenID userinfo lives):
 * the override map, then `.well-known/matrix/server`, then SRV `_matrix-fed._tcp`, then port 8448.
 * Names that are IP literals or single labels (localhost, intranet hosts) are refused unless
 * mapped, so a caller cannot point the service at internal addresses.
 */
export class HomeserverResolver {
  private readonly cache = new Map<string, { url: string; until: number }>();
  private readonly fetch: Fetch;
  private readonly resolveSrv: NonNullable<HomeserverResolverOptions['resolveSrv']>;

  constructor(private readonly options: HomeserverResolverOptions) {
    this.fetch = options.fetch ?? fetch;
    this.resolveSrv = options.resolveSrv ?? ((name) => dns.resolveSrv(name));
  }

  isAllowed(serverName: string): boolean {
    return serverName in this.options.overrides || this.isPublicName(serverName);
  }

  async federationBaseUrl(serverName: string): Promise<string> {
    const override = this.options.overrides[serverName];
    if (override !== undefined) return override.replace(/\/+$/, '');
    if (!this.isPublicName(serverName))
      throw new ResolveError(`server name not allowed: ${serverName}`);
    const cached = this.cache.get(serverName);
    if (cached && cached.until > Date.now()) return cached.url;
    const url = await this.discover(serverName);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(serverName, { url, until: Date.now() + CACHE_TTL_MS });
    return url;
  }

  private isPublicName(serverName: string): boolean {
    const host = serverName.replace(/:\d+$/, '');
    return isIP(host) === 0 && PUBLIC_SERVER_NAME.test(serverName);
  }

  private async discover(serverName: string): Promise<string> {
    if (/:\d+$/.test(serverName)) return `https://${serverName}`;
    const delegated = await this.wellKnown(serverName);
    if (delegated !== undefined) {
      if (!this.isPublicName(delegated))
        throw new ResolveError(`delegation not allowed: ${delegated}`);
      return /:\d+$/.test(delegated) ? `https://${delegated}` : `https://${delegated}:8448`;
    }
    try {
      const records = await this.resolveSrv(`_matrix-fed._tcp.${serverName}`);
      const first = records[0];
      if (first && this.isPublicName(first.name)) return `https://${first.name}:${first.port}`;
    } catch {
      // No SRV record: fall through to the default port.
    }
    return `https://${serverName}:8448`;
  }

  private async wellKnown(serverName: string): Promise<string | undefined> {
    try {
      const response = await this.fetch(`https://${serverName}/.well-known/matrix/server`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'follow',
      });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { 'm.server'?: unknown };
      return typeof body['m.server'] === 'string' ? body['m.server'] : undefined;
    } catch {
      return undefined;
    }
  }
}
