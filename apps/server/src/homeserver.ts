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
  /** For discovered hosts: must refuse non-public addresses at connect time (net-guard.ts). */
  fetch?: Fetch;
  /** For the configured URLs above; the same as `fetch` when not given. */
  fetchConfigured?: Fetch;
  resolveSrv?: (name: string) => Promise<{ name: string; port: number }[]>;
}

/** Largest .well-known document read; real ones are a few hundred bytes. */
const WELL_KNOWN_MAX_BYTES = 16 * 1024;

/** Reads a small JSON body, refusing anything larger than `max` bytes. */
export async function readSmallJson(response: Response, max: number): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > max) throw new Error('response too large');
  const text = await response.text();
  if (text.length > max) throw new Error('response too large');
  return JSON.parse(text) as unknown;
}

/**
 * Finds the base URL serving a homeserver's federation API (where OpenID userinfo lives):
 * the override map, then `.well-known/matrix/server`, then SRV `_matrix-fed._tcp`, then port 8448.
 * Names that are IP literals or single labels (localhost, intranet hosts) are refused unless
 * mapped, so a caller cannot point the service at internal addresses.
 */
export class HomeserverResolver {
  private readonly cache = new Map<string, { url: string; until: number }>();
  private readonly publicClientUrls = new Map<string, { urls: string[]; until: number }>();
  private readonly fetch: Fetch;
  private readonly fetchConfigured: Fetch;
  private readonly resolveSrv: NonNullable<HomeserverResolverOptions['resolveSrv']>;

  constructor(private readonly options: HomeserverResolverOptions) {
    this.fetch = options.fetch ?? fetch;
    this.fetchConfigured = options.fetchConfigured ?? this.fetch;
    this.resolveSrv = options.resolveSrv ?? ((name) => dns.resolveSrv(name));
  }

  isAllowed(serverName: string): boolean {
    return serverName in this.options.overrides || this.isPublicName(serverName);
  }

  /** The base URL the operator configured for this server, if any (never a discovered one). */
  configuredUrl(serverName: string): string | undefined {
    return this.options.overrides[serverName]?.replace(/\/+$/, '');
  }

  /**
   * How to reach a server's base URL: configured URLs are trusted as written; anything else goes
   * through the guarded client that refuses non-public addresses on every connection.
   */
  fetchFor(serverName: string): Fetch {
    return serverName in this.options.overrides ? this.fetchConfigured : this.fetch;
  }

  /**
   * The client-API base URLs a configured homeserver is known by: its configured URL, and the
   * public `m.homeserver.base_url` it announces in its own `.well-known/matrix/client` (asked at
   * the configured URL, so a proxy in front may use another name). Clients name one of these as
   * `delay_cs_api_url`; nothing is ever fetched from what a client sends.
   */
  async clientApiUrls(serverName: string): Promise<string[]> {
    const configured = this.configuredUrl(serverName);
    if (configured === undefined) return [];
    const cached = this.publicClientUrls.get(serverName);
    if (cached && cached.until > Date.now()) return cached.urls;
    const urls = [configured];
    try {
      const response = await this.fetchConfigured(`${configured}/.well-known/matrix/client`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'manual',
      });
      if (response.ok) {
        const body = (await readSmallJson(response, WELL_KNOWN_MAX_BYTES)) as {
          'm.homeserver'?: { base_url?: unknown };
        };
        const announced = body['m.homeserver']?.base_url;
        if (typeof announced === 'string' && /^https?:\/\//.test(announced)) {
          urls.push(announced.replace(/\/+$/, ''));
        }
      }
    } catch {
      // Only the configured URL then.
    }
    this.publicClientUrls.set(serverName, { urls, until: Date.now() + CACHE_TTL_MS });
    return urls;
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

  /**
   * `.well-known/matrix/server`, without following redirects: a redirect is treated as no
   * delegation (a redirect to an internal address must never be fetched).
   */
  private async wellKnown(serverName: string): Promise<string | undefined> {
    try {
      const response = await this.fetch(`https://${serverName}/.well-known/matrix/server`, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        redirect: 'manual',
      });
      if (response.status !== 200) return undefined;
      const body = (await readSmallJson(response, WELL_KNOWN_MAX_BYTES)) as {
        'm.server'?: unknown;
      };
      return typeof body['m.server'] === 'string' ? body['m.server'] : undefined;
    } catch {
      return undefined;
    }
  }
}
