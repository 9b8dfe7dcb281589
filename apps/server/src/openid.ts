import { unauthorized } from './errors.js';
import type { Fetch, HomeserverResolver } from './homeserver.js';

export interface OpenIdToken {
  access_token: string;
  token_type: string;
  matrix_server_name: string;
  expires_in: number;
}

export interface OpenIdVerifier {
  /** Returns the Matrix user ID the token belongs to, or throws a generic 401 HttpError. */
  verify(token: OpenIdToken): Promise<string>;
}

const USER_ID = /^@[^:]+:(.+)$/;

export interface OpenIdLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Checks an OpenID token with the homeserver that issued it
 * (`GET /_matrix/federation/v1/openid/userinfo`) and returns its subject. The subject must be a
 * user of that same homeserver, so one server can never vouch for another's users.
 */
export function createOpenIdVerifier(
  resolver: HomeserverResolver,
  log: OpenIdLogger,
  fetchImpl: Fetch = fetch,
): OpenIdVerifier {
  return {
    async verify(token) {
      const server = token.matrix_server_name;
      let base: string;
      try {
        base = await resolver.federationBaseUrl(server);
      } catch (error) {
        log.warn({ server, reason: (error as Error).message }, 'openid: homeserver not resolvable');
        throw unauthorized();
      }
      const url = `${base}/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(token.access_token)}`;
      let response: Response;
      try {
        response = await fetchImpl(url, { signal: AbortSignal.timeout(5000), redirect: 'error' });
      } catch (error) {
        log.warn({ server, reason: (error as Error).name }, 'openid: homeserver unreachable');
        throw unauthorized();
      }
      if (!response.ok) {
        log.warn({ server, status: response.status }, 'openid: token rejected by homeserver');
        throw unauthorized();
      }
      let sub: unknown;
      try {
        sub = ((await response.json()) as { sub?: unknown }).sub;
      } catch {
        sub = undefined;
      }
      const match = typeof sub === 'string' ? USER_ID.exec(sub) : null;
      if (!match || match[1] !== server) {
        log.warn({ server }, 'openid: userinfo subject missing or from another server');
        throw unauthorized();
      }
      return sub as string;
    },
  };
}
