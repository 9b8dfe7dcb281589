import type { MatrixClient, Room } from 'matrix-js-sdk';
import {
  MatrixRTCSessionEvent,
  type CallMembership,
  type MatrixRTCSession,
} from 'matrix-js-sdk/lib/matrixrtc';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import type { VoiceMember, VoiceStoreApi } from '../../stores/voice-store';

/** The parts of a call membership the roster reads (narrow, so tests can build them). */
export type MembershipLike = Pick<CallMembership, 'userId' | 'deviceId' | 'rtcBackendIdentity'>;

/** The parts of a room the roster reads: display names and avatars of members. */
export interface MemberDirectory {
  getMember(userId: string): { name: string; getMxcAvatarUrl(): string | undefined | null } | null;
}

const MAX_ID = 255;

/**
 * Turns call memberships into the people shown under a voice channel: one entry per device,
 * in join order, named from the room's member list. Memberships from other clients are
 * untrusted: anything without a usable user, device and identity is left out, never thrown on.
 */
export function rosterOf(
  memberships: readonly MembershipLike[],
  room: MemberDirectory,
): VoiceMember[] {
  const seen = new Set<string>();
  const out: VoiceMember[] = [];
  for (const m of memberships) {
    const { userId, deviceId } = m;
    let identity: unknown;
    try {
      identity = m.rtcBackendIdentity;
    } catch {
      continue;
    }
    if (!validId(userId) || !validId(deviceId) || !validId(identity) || seen.has(identity))
      continue;
    seen.add(identity);
    const member = room.getMember(userId);
    out.push({
      identity,
      userId,
      deviceId,
      name: member?.name ?? userId,
      avatarMxc: member?.getMxcAvatarUrl() ?? undefined,
    });
  }
  return out;
}

function validId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function sameRoster(a: readonly VoiceMember[] | undefined, b: readonly VoiceMember[]): boolean {
  if (!a || a.length !== b.length) return false;
  return a.every(
    (m, i) =>
      m.identity === b[i]?.identity && m.name === b[i]?.name && m.avatarMxc === b[i]?.avatarMxc,
  );
}

/**
 * Keeps `voice.roster` in step with the call memberships of every voice channel and DM the user
 * can see, straight from room state (no need to join the call). One listener per voice room's
 * MatrixRTC session; rooms that appear or go are followed through the rooms snapshot.
 */
export function bindVoiceRoster(
  client: MatrixClient,
  rooms: RoomsStoreApi,
  voice: VoiceStoreApi,
): () => void {
  const watched = new Map<string, { session: MatrixRTCSession; off: () => void }>();
  const publish = (room: Room, session: MatrixRTCSession) => {
    const next = rosterOf(session.memberships, room);
    const current = voice.getState().roster;
    if (next.length === 0 && !current[room.roomId]) return;
    if (sameRoster(current[room.roomId], next)) return;
    voice.setState({ roster: { ...current, [room.roomId]: next } });
  };
  const sync = () => {
    const { servers, directs } = rooms.getState();
    // Voice channels, and DMs (a DM call is the same kind of session, in the DM room).
    const wanted = new Set([
      ...servers
        .flatMap((s) => s.channels)
        .filter((c) => c.kind === 'voice')
        .map((c) => c.id),
      ...directs.map((d) => d.id),
    ]);
    for (const [roomId, entry] of watched) {
      if (wanted.has(roomId)) continue;
      entry.off();
      watched.delete(roomId);
      const { [roomId]: _gone, ...rest } = voice.getState().roster;
      voice.setState({ roster: rest });
    }
    for (const roomId of wanted) {
      const room = client.getRoom(roomId);
      if (!room || watched.has(roomId)) continue;
      const session = client.matrixRTC.getRoomSession(room);
      const onChange = () => publish(room, session);
      session.on(MatrixRTCSessionEvent.MembershipsChanged, onChange);
      watched.set(roomId, {
        session,
        off: () => session.off(MatrixRTCSessionEvent.MembershipsChanged, onChange),
      });
      void session.initialMembershipCalculated.then(onChange, () => undefined);
    }
    // Names and avatars can change without a membership change.
    for (const [roomId, { session }] of watched) {
      const room = client.getRoom(roomId);
      if (room) publish(room, session);
    }
  };
  sync();
  const unsubscribe = rooms.subscribe(sync);
  return () => {
    unsubscribe();
    for (const entry of watched.values()) entry.off();
    watched.clear();
    voice.setState({ roster: {} });
  };
}
