/**
 * The web app's Content-Security-Policy, in one place for the production server and the Vite dev
 * server. Scripts only from our own origin (plus WebAssembly for the Rust crypto), no inline script,
 * no eval, no plugins, no framing. Network access to https/wss anywhere (any homeserver) plus the
 * exact http/ws origins of a local deployment.
 */
export interface CspOptions {
  /** Extra origins the app talks to over plain http/ws (a local stack). */
  connectOrigins?: string[];
  /** Vite's dev server injects <style> elements for CSS hot reload. */
  dev?: boolean;
}

export function contentSecurityPolicy({
  connectOrigins = [],
  dev = false,
}: CspOptions = {}): string {
  const origins = [...new Set(connectOrigins.flatMap(toOrigins))];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'"],
    'connect-src': [
      "'self'",
      // The app's own blobs (an attachment opened in a tab of its own downloads through this).
      'blob:',
      'https:',
      'wss:',
      ...origins,
      ...(dev ? ['ws://127.0.0.1:*', 'ws://localhost:*'] : []),
    ],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** http://h:p → [http://h:p, ws://h:p]; ws://h:p → [ws://h:p, http://h:p]. */
function toOrigins(url: string): string[] {
  try {
    const parsed = new URL(url);
    const host = parsed.host;
    if (!host || !['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return [];
    const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
    return secure ? [`https://${host}`, `wss://${host}`] : [`http://${host}`, `ws://${host}`];
  } catch {
    return [];
  }
}

/** Headers every HTML response of the web app carries. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  };
}
