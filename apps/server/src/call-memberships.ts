import type { TrustedHomeserver } from './config.js';
import { readSmallJson, type HomeserverResolver } from './homeserver.js';
import type { SharedStore } from './store.js';

/** MatrixRTC membership event types: the state event Element Call and HAOS send by default, and
 * the newer sticky event (MSC4143 + MSC4354) of Element Call's "Matrix 2.0" mode. */
export const CALL_MEMBER_STATE = 'org.matrix.msc3401.call.member';
export const RTC_MEMBER_STICKY = 'org.matrix.msc4143.rtc.member';

/** The matrix-js-sdk's default membership lifetime, and the longest a sticky event sticks. */
const DEFAULT_EXPIRES_MS = 4 * 3600 * 1000;
const STICKY_MAX_MS = 3600 * 1000;
const STATE_MAX_BYTES = 8 * 1024 * 1024;

export interface MatrixEvent {
  type?: unknown;
  room_id?: unknown;
  sender?: unknown;
  state_key?: unknown;
  origin_server_ts?: unknown;
  content?: unknown;
  msc4354_sticky?: unknown;
}

export interface CallMembershipSighting {
  roomId: string;
  userId: string;
  deviceId: string;
  /** When the membership lapses (ms since epoch); undefined when the event ends it. */
  expiresAt: number | undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Reads a call membership out of a MatrixRTC event: who (the sender, never what the content
 * claims about someone else), which device, and until when. Undefined for other events.
 */
export function callMembershipOf(event: MatrixEvent): CallMembershipSighting | undefined {
  const roomId = str(event.room_id);
  const userId = str(event.sender);
  const ts = typeof event.origin_server_ts === 'number' ? event.origin_server_ts : Date.now();
  const content = (event.content ?? {}) as Record<string, unknown>;
  if (!roomId || !userId) return undefined;
  const meaningful = Object.keys(content).filter((k) => k !== 'msc4354_sticky_key').length > 0;
  if (event.type === CALL_MEMBER_STATE && typeof event.state_key === 'string') {
    // State keys are `_{user}_{device}_m.call` (or without the underscore): the device is read
    // from the key, which the sender can only write for itself in rooms with owned state and
    // which must name the sender in any case.
    const key = event.state_key.replace(/^_/, '');
    if (!key.startsWith(`${userId}_`)) return undefined;
    const deviceId =
      key.slice(userId.length + 1).replace(/_m\.call.*$/, '') || str(content.device_id) || '';
    if (!meaningful) return { roomId, userId, deviceId, expiresAt: undefined };
    const created = typeof content.created_ts === 'number' ? content.created_ts : ts;
    const expires = typeof content.expires === 'number' ? content.expires : DEFAULT_EXPIRES_MS;
    return { roomId, userId, deviceId, expiresAt: created + expires };
  }
  if (event.type === RTC_MEMBER_STICKY) {
    const member = (content.member ?? {}) as Record<string, unknown>;
    const deviceId = str(member.device_id);
    if (!deviceId) return undefined;
    if (!meaningful || str(member.user_id) !== userId) {
      return { roomId, userId, deviceId, expiresAt: undefined };
    }
    const sticky = (event.msc4354_sticky ?? {}) as { duration_ms?: unknown };
    const duration =
      typeof sticky.duration_ms === 'number'
        ? Math.min(sticky.duration_ms, STICKY_MAX_MS)
        : STICKY_MAX_MS;
    return { roomId, userId, deviceId, expiresAt: ts + duration };
  }
  return undefined;
}

export interface CallMemberships {
  /**
   * Whether this user's device holds an unexpired call membership in the room, or held one in
   * the last `recentMs` (a membership that flapped under load is not a lurker's).
   */
  has(roomId: string, userId: string, deviceId: string): Promise<boolean>;
  /** A membership event the homeserver pushed. */
  record(sighting: CallMembershipSighting): Promise<void>;
}

const keyOf = (roomId: string, userId: string, deviceId: string) =>
  `callmember:${roomId}\n${userId}\n${deviceId}`;
const recentKeyOf = (roomId: string, userId: string, deviceId: string) =>
  `callmember-recent:${roomId}\n${userId}\n${deviceId}`;

/**
 * Call memberships as the homeserver pushed them (appservice.ts), kept in the shared store
 * until they lapse. A device never seen by push (a membership sent before the service started)
 * is looked up in the room's current `org.matrix.msc3401.call.member` state through a trusted
 * homeserver's admin API (only call memberships, never the room's members).
 */
export function createCallMemberships(
  trusted: readonly TrustedHomeserver[],
  resolver: HomeserverResolver,
  store: SharedStore,
  /** How long a device that held a call membership still counts as a member of the call. */
  recentMs: number,
): CallMemberships {
  async function fromState(roomId: string, userId: string, deviceId: string) {
    for (const server of trusted) {
      const base = resolver.configuredUrl(server.serverName);
      if (base === undefined) continue;
      const url = `${base}/_synapse/admin/v1/rooms/${encodeURIComponent(roomId)}/state?type=${encodeURIComponent(CALL_MEMBER_STATE)}`;
      const response = await resolver.fetchFor(server.serverName)(url, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      });
      if (!response.ok) {
        await response.body?.cancel();
        continue;
      }
      const body = (await readSmallJson(response, STATE_MAX_BYTES)) as { state?: unknown };
      const events = Array.isArray(body.state) ? (body.state as MatrixEvent[]) : [];
      for (const event of events) {
        const sighting = callMembershipOf({ ...event, room_id: roomId });
        if (sighting?.userId === userId && sighting.deviceId === deviceId) {
          return sighting.expiresAt !== undefined && sighting.expiresAt > Date.now();
        }
      }
      return false;
    }
    return false;
  }

  return {
    async has(roomId, userId, deviceId) {
      const seen = await store.get(keyOf(roomId, userId, deviceId));
      if (seen !== undefined && seen !== 'left' && Number(seen) > Date.now()) return true;
      if ((await store.get(recentKeyOf(roomId, userId, deviceId))) !== undefined) return true;
      // A "no" is always confirmed with the room's current state: a pushed leave may be followed
      // by a join the push has not brought yet.
      return fromState(roomId, userId, deviceId);
    },
    async record({ roomId, userId, deviceId, expiresAt }) {
      const key = keyOf(roomId, userId, deviceId);
      const recent = recentKeyOf(roomId, userId, deviceId);
      if (expiresAt === undefined || expiresAt <= Date.now()) {
        await store.set(key, 'left', 3600 * 1000);
        // Held until now: counts as recent for recentMs more.
        if ((await store.get(recent)) !== undefined) {
          if (recentMs > 0) await store.set(recent, '1', recentMs);
          else await store.delete(recent);
        }
      } else {
        await store.set(key, String(expiresAt), expiresAt - Date.now());
        await store.set(recent, '1', expiresAt - Date.now() + recentMs);
      }
    },
  };
}
