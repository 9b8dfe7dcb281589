import { ParticipantInfo_Kind, type ParticipantInfo } from '@livekit/protocol';
import type { CallMemberships } from './call-memberships.js';
import { LEGACY_SLOT_ID, livekitRoomAlias } from './identity.js';
import { findParticipant, isNotFound, type LiveKitRooms } from './livekit.js';
import type { MembershipChecker } from './membership.js';
import { GRANT_ATTRIBUTE, verifyGrant, type CallRoom, type GrantKey } from './participant-grant.js';
import type { SharedStore } from './store.js';

/**
 * Only the right people stay in a call's LiveKit room:
 * - when a member's room membership ends (leave, kick, ban — pushed by the homeserver), their
 *   LiveKit participants in that room's calls are removed at once;
 * - a participant that connects without a MatrixRTC call membership for its user and device
 *   (a "lurker" with a token) is removed once a grace period has passed. A device that held a
 *   call membership within the flap window (30 s by default) is not a lurker: under load a
 *   client's heartbeat can run late, its delayed leave fire and its membership come back
 *   seconds later (the flapping issue 13 describes), and removing it from LiveKit then would
 *   turn each flap into a reconnect. A participant whose call membership ends while it stays
 *   connected is removed once the flap window and the grace period have passed without the
 *   membership coming back.
 * Participants are attributed to a Matrix user and device by the signed grant attribute the
 * service put in their token (participant-grant.ts); one that cannot be attributed is removed.
 * Only LiveKit rooms the service created for a Matrix call are touched, and only standard
 * participants (not LiveKit's own egress, ingress, SIP or agent participants).
 */

export interface CallGuardLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CallGuard {
  /** A participant joined a HAOS call room (webhook): check it after the grace period. */
  participantJoined(alias: string, call: CallRoom, identity: string): void;
  /** A user's room membership ended: remove them from the room's calls now. */
  membershipEnded(roomId: string, userId: string): Promise<number>;
  /**
   * A device's call membership ended: its participants are checked once it had the time to come
   * back (flapMs, then the grace period), and removed if it did not.
   */
  callMembershipEnded(roomId: string, userId: string, deviceId: string): void;
  /** Records a call slot other than the room's default one, so its room is known later. */
  noteSlot(roomId: string, slotId: string): Promise<void>;
  /** Checks one participant now; true when it was removed. */
  check(alias: string, call: CallRoom, identity: string): Promise<boolean>;
  close(): void;
}

export interface CallGuardDeps {
  rooms: Pick<LiveKitRooms, 'getParticipant' | 'listParticipants' | 'removeParticipant'>;
  membership: Pick<MembershipChecker, 'check'>;
  callMemberships: Pick<CallMemberships, 'has'>;
  store: SharedStore;
  key: GrantKey;
  graceMs: number;
  /** How long an ended call membership may come back before its participant is removed. */
  flapMs: number;
  log: CallGuardLog;
}

const SLOTS_TTL_MS = 24 * 3600 * 1000;

export function createCallGuard(deps: CallGuardDeps): CallGuard {
  const timers = new Set<NodeJS.Timeout>();
  const { log } = deps;

  const standard = (p: ParticipantInfo) => p.kind === ParticipantInfo_Kind.STANDARD;
  const ownerOf = (alias: string, p: ParticipantInfo) =>
    verifyGrant(deps.key, alias, p.identity, p.attributes[GRANT_ATTRIBUTE]);

  async function remove(alias: string, identity: string, reason: string): Promise<boolean> {
    try {
      await deps.rooms.removeParticipant(alias, identity);
      log.info({ alias, reason }, 'call guard: participant removed');
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async function check(alias: string, call: CallRoom, identity: string): Promise<boolean> {
    const participant = await findParticipant(deps.rooms as LiveKitRooms, alias, identity);
    if (!participant || !standard(participant)) return false;
    const owner = ownerOf(alias, participant);
    if (!owner) return remove(alias, identity, 'not attributable to a Matrix user');
    if ((await deps.membership.check(call.roomId, owner.userId)) !== 'joined') {
      return remove(alias, identity, 'not joined to the Matrix room');
    }
    if (!(await deps.callMemberships.has(call.roomId, owner.userId, owner.deviceId))) {
      return remove(alias, identity, 'no MatrixRTC call membership');
    }
    return false;
  }

  function later(run: () => Promise<unknown>, delayMs = deps.graceMs): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run().catch((error: unknown) => {
        log.warn({ reason: (error as Error).message }, 'call guard: check failed');
      });
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  async function callsOf(roomId: string): Promise<CallRoom[]> {
    const raw = await deps.store.get(`slots:${roomId}`);
    const slots = new Set<string>([LEGACY_SLOT_ID, ...(raw ? (JSON.parse(raw) as string[]) : [])]);
    return [...slots].map((slotId) => ({ roomId, slotId }));
  }

  async function participantsOf(alias: string): Promise<ParticipantInfo[]> {
    try {
      return await deps.rooms.listParticipants(alias);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  return {
    participantJoined(alias, call, identity) {
      later(() => check(alias, call, identity));
    },
    async membershipEnded(roomId, userId) {
      let removed = 0;
      for (const call of await callsOf(roomId)) {
        const alias = livekitRoomAlias(call.roomId, call.slotId);
        for (const p of await participantsOf(alias)) {
          if (standard(p) && ownerOf(alias, p)?.userId === userId) {
            if (await remove(alias, p.identity, 'room membership ended')) removed += 1;
          }
        }
      }
      return removed;
    },
    callMembershipEnded(roomId, userId, deviceId) {
      later(async () => {
        for (const call of await callsOf(roomId)) {
          const alias = livekitRoomAlias(call.roomId, call.slotId);
          for (const p of await participantsOf(alias)) {
            const owner = standard(p) ? ownerOf(alias, p) : undefined;
            if (owner?.userId === userId && owner.deviceId === deviceId) {
              await check(alias, call, p.identity);
            }
          }
        }
      }, deps.flapMs + deps.graceMs);
    },
    async noteSlot(roomId, slotId) {
      if (slotId === LEGACY_SLOT_ID) return;
      const raw = await deps.store.get(`slots:${roomId}`);
      const slots = new Set<string>(raw ? (JSON.parse(raw) as string[]) : []);
      if (slots.has(slotId) || slots.size >= 16) return;
      slots.add(slotId);
      await deps.store.set(`slots:${roomId}`, JSON.stringify([...slots]), SLOTS_TTL_MS);
    },
    check,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
