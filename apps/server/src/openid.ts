import { unauthorized } from './errors.js';
import { readSmallJson, type HomeserverResolver } from './homeserver.js';

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

/**
 * Checks an OpenID token with the homeserver that issued it
 * (`GET /_matrix/federation/v1/openid/userinfo`) and returns its subject. The subject must be a
 * user of that same homeserver, so one server can never vouch for another's users.
 */
export function createOpenIdVerifier(resolver: HomeserverResolver): OpenIdVerifier {
  return {
    async verify(token) {
      const server = token.matrix_server_name;
      let base: string;
      try {
        base = await resolver.federationBaseUrl(server);
      } catch (error) {
        throw unauthorized({ server, reason: `not resolvable: ${(error as Error).message}` });
      }
      const url = `${base}/_matrix/federation/v1/openid/userinfo?access_token=${encodeURIComponent(token.access_token)}`;
      let response: Response;
      try {
        response = await resolver.fetchFor(server)(url, {
          signal: AbortSignal.timeout(5000),
          redirect: 'error',
        });
      } catch (error) {
        const cause = ((error as Error).cause as Error | undefined)?.name ?? (error as Error).name;
        throw unauthorized({ server, reason: `unreachable: ${cause}` });
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw unauthorized({ server, reason: `token rejected (${response.status})` });
      }
      let sub: unknown;
      try {
        sub = ((await readSmallJson(response, 16 * 1024)) as { sub?: unknown }).sub;
      } catch {
        sub = undefined;
      }
      const match = typeof sub === 'string' ? USER_ID.exec(sub) : null;
      if (!match || match[1] !== server) {
        throw unauthorized({ server, reason: 'subject missing or from another server' });
      }
      return sub as string;
    },
  };
}
