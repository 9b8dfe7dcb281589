import type { MatrixClient } from 'matrix-js-sdk';
import { CallFailure } from './call-error';

/** A LiveKit-based MatrixRTC transport: where to exchange an OpenID token for a LiveKit JWT. */
export interface LivekitTransport {
  type: 'livekit';
  livekit_service_url: string;
}

export type TransportClient = Pick<
  MatrixClient,
  '_unstable_getRTCTransports' | 'getHomeserverUrl' | 'getDomain'
>;

function firstLivekit(list: unknown): LivekitTransport | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const entry of list as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { type, livekit_service_url: url } = entry as Record<string, unknown>;
    if (type === 'livekit' && typeof url === 'string' && isServiceUrl(url))
      return { type: 'livekit', livekit_service_url: url.replace(/\/+$/, '') };
  }
  return undefined;
}

const WELL_KNOWN_TIMEOUT_MS = 5_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A call service URL we may send an OpenID token to: https, or plain http only on this machine
 * (a local stack) or when the app itself is served over http.
 */
function isServiceUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    if (protocol === 'https:') return true;
    return (
      protocol === 'http:' && (LOOPBACK.has(hostname) || globalThis.location?.protocol === 'http:')
    );
  } catch {
    return false;
  }
}

/**
 * Finds the LiveKit service for calls, in the order MatrixRTC clients use: the homeserver's
 * MSC4143 transports endpoint, then `.well-known/matrix/client` rtc_foci, then the app's config.
 */
export async function discoverTransport(
  client: TransportClient,
  configured: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<LivekitTransport> {
  try {
    const found = firstLivekit(await client._unstable_getRTCTransports());
    if (found) return found;
  } catch {
    // Not supported by this homeserver: try the next source.
  }
  // Well-known lives on the server name's domain (which may delegate to another host); the
  // homeserver's own host is tried too, for deployments that serve it there.
  const domain = client.getDomain();
  const places = new Set(
    [domain ? `https://${domain}` : undefined, client.getHomeserverUrl()].filter(
      (p): p is string => !!p,
    ),
  );
  for (const place of places) {
    try {
      const response = await fetchImpl(new URL('/.well-known/matrix/client', place).toString(), {
        signal: AbortSignal.timeout(WELL_KNOWN_TIMEOUT_MS),
      });
      if (!response.ok) continue;
      const body = (await response.json()) as Record<string, unknown>;
      const found = firstLivekit(body['org.matrix.msc4143.rtc_foci']);
      if (found) return found;
    } catch {
      // Not reachable or not JSON: try the next place.
    }
  }
  const fallback = firstLivekit([{ type: 'livekit', livekit_service_url: configured }]);
  if (fallback) return fallback;
  throw new CallFailure(
    'NO_TRANSPORT',
    'Voice is not set up on this homeserver: it announces no call service (MatrixRTC transport).',
  );
}
