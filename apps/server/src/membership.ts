import type { TrustedHomeserver } from './config.js';
import type { Fetch, HomeserverResolver } from './homeserver.js';

/**
 * What the trusted homeservers know of a user in a room:
 * - `joined`: a trusted homeserver sees the user joined;
 * - `not_joined`: a trusted homeserver knows the room and the user is not joined;
 * - `unknown_room`: no trusted homeserver knows the room (only possible for other servers' users).
 */
export type Membership = 'joined' | 'not_joined' | 'unknown_room';

export interface MembershipChecker {
  check(roomId: string, userId: string): Promise<Membership>;
  isTrusted(serverName: string): boolean;
}

export class MembershipUnavailableError extends Error {
  override name = 'MembershipUnavailableError';
}

/**
 * Answers membership questions through the Synapse admin API of the trusted homeservers
 * (`GET /_synapse/admin/v1/rooms/{roomId}/members`, which lists local and remote joined users).
 * The user's own homeserver is asked first when it is trusted; its answer is final for its users.
 */
export function createMembershipChecker(
  trusted: readonly TrustedHomeserver[],
  resolver: HomeserverResolver,
  fetchImpl: Fetch = fetch,
): MembershipChecker {
  const byName = new Map(trusted.map((t) => [t.serverName, t]));

  async function ask(
    server: TrustedHomeserver,
    roomId: string,
    userId: string,
  ): Promise<Membership> {
    const base = await resolver.federationBaseUrl(server.serverName);
    const url = `${base}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/members`;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
    } catch (error) {
      throw new MembershipUnavailableError(`${server.serverName}: ${(error as Error).name}`);
    }
    if (response.status === 404 || response.status === 400) return 'unknown_room';
    if (!response.ok) {
      throw new MembershipUnavailableError(
        `${server.serverName}: admin API answered ${response.status}`,
      );
    }
    const body = (await response.json()) as { members?: unknown };
    const members = Array.isArray(body.members) ? body.members : [];
    return members.includes(userId) ? 'joined' : 'not_joined';
  }

  return {
    isTrusted: (serverName) => byName.has(serverName),
    async check(roomId, userId) {
      const own = byName.get(userId.slice(userId.indexOf(':') + 1));
      if (own) {
        const verdict = await ask(own, roomId, userId);
        return verdict === 'unknown_room' ? 'not_joined' : verdict;
      }
      let known = false;
      for (const server of trusted) {
        const verdict = await ask(server, roomId, userId);
        if (verdict === 'joined') return 'joined';
        if (verdict === 'not_joined') known = true;
      }
      return known ? 'not_joined' : 'unknown_room';
    },
  };
}
