import type { TrustedHomeserver } from './config.js';
import { readSmallJson, type HomeserverResolver } from './homeserver.js';
import type { SharedStore } from './store.js';

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
  /** Forgets a cached "joined" answer (the homeserver told us the membership changed). */
  invalidate(roomId: string, userId: string): Promise<void>;
}

export class MembershipUnavailableError extends Error {
  override name = 'MembershipUnavailableError';
}

/** A user's joined rooms can be many; a room ID is under 255 bytes. */
const JOINED_ROOMS_MAX_BYTES = 4 * 1024 * 1024;

export const membershipCacheKey = (roomId: string, userId: string) => `member:${roomId}\n${userId}`;

/**
 * Answers membership questions through the Synapse admin API of the trusted homeservers, asking
 * about the one user (`/_synapse/admin/v1/users/{userId}/joined_rooms`, which Synapse answers
 * for local users and for remote users in rooms it shares, from a cache), so the cost does not
 * grow with the room. For other servers' users, a trusted server that does not see them joined
 * is asked whether it knows the room at all (`/_synapse/admin/v1/rooms/{roomId}`).
 * The user's own homeserver is asked first when it is trusted; its answer is final for its users.
 * "Joined" answers are kept for `cacheSeconds` in the shared store, and dropped as soon as the
 * homeserver pushes a membership change (appservice.ts).
 */
export function createMembershipChecker(
  trusted: readonly TrustedHomeserver[],
  resolver: HomeserverResolver,
  store: SharedStore,
  cacheSeconds: number,
): MembershipChecker {
  const byName = new Map(trusted.map((t) => [t.serverName, t]));

  async function admin(server: TrustedHomeserver, path: string): Promise<Response> {
    // The admin token only ever goes to the configured URL (config.ts refuses a trusted server
    // without one).
    const base = resolver.configuredUrl(server.serverName);
    if (base === undefined) {
      throw new MembershipUnavailableError(`${server.serverName}: no configured URL`);
    }
    try {
      return await resolver.fetchFor(server.serverName)(`${base}${path}`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
    } catch (error) {
      throw new MembershipUnavailableError(`${server.serverName}: ${(error as Error).name}`);
    }
  }

  async function joinedRooms(server: TrustedHomeserver, userId: string): Promise<Set<string>> {
    const response = await admin(
      server,
      `/_synapse/admin/v1/users/${encodeURIComponent(userId)}/joined_rooms`,
    );
    if (response.status === 404 || response.status === 400) return new Set();
    if (!response.ok) {
      throw new MembershipUnavailableError(
        `${server.serverName}: admin API answered ${response.status}`,
      );
    }
    const body = (await readSmallJson(response, JOINED_ROOMS_MAX_BYTES)) as {
      joined_rooms?: unknown;
    };
    return new Set(
      Array.isArray(body.joined_rooms)
        ? body.joined_rooms.filter((r): r is string => typeof r === 'string')
        : [],
    );
  }

  async function knowsRoom(server: TrustedHomeserver, roomId: string): Promise<boolean> {
    const response = await admin(server, `/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}`);
    await response.body?.cancel();
    if (response.status === 404 || response.status === 400) return false;
    if (!response.ok) {
      throw new MembershipUnavailableError(
        `${server.serverName}: admin API answered ${response.status}`,
      );
    }
    return true;
  }

  async function ask(roomId: string, userId: string): Promise<Membership> {
    const own = byName.get(userId.slice(userId.indexOf(':') + 1));
    if (own) return (await joinedRooms(own, userId)).has(roomId) ? 'joined' : 'not_joined';
    let known = false;
    for (const server of trusted) {
      if ((await joinedRooms(server, userId)).has(roomId)) return 'joined';
      if (!known && (await knowsRoom(server, roomId))) known = true;
    }
    return known ? 'not_joined' : 'unknown_room';
  }

  return {
    isTrusted: (serverName) => byName.has(serverName),
    async check(roomId, userId) {
      const key = membershipCacheKey(roomId, userId);
      if (cacheSeconds > 0 && (await store.get(key)) === 'joined') return 'joined';
      const verdict = await ask(roomId, userId);
      // Only if no change was pushed meanwhile: a pushed change leaves a marker that blocks this.
      if (verdict === 'joined' && cacheSeconds > 0) {
        await store.setIfAbsent(key, verdict, cacheSeconds * 1000);
      }
      return verdict;
    },
    async invalidate(roomId, userId) {
      // A marker rather than a deletion, so an answer fetched before the change cannot be cached
      // after it.
      await store.set(
        membershipCacheKey(roomId, userId),
        'changed',
        Math.max(1, cacheSeconds) * 1000,
      );
    },
  };
}
