import { RoomEvent, type Room } from 'livekit-client';
import type { UnjoinedListener, VoiceMember, VoiceStoreApi } from '../../stores/voice-store';

/** The parts of a LiveKit participant the gate reads and steers. */
export interface GateParticipant {
  identity: string;
  /** Set by the token service from the verified Matrix user (HAOS's and lk-jwt-service's). */
  name?: string;
  trackPublications: ReadonlyMap<
    string,
    { isDesired: boolean; setSubscribed(subscribed: boolean): void }
  >;
}

/** The parts of a LiveKit Room the gate reads. */
export interface GateRoom {
  localParticipant: { identity: string };
  remoteParticipants: ReadonlyMap<string, GateParticipant>;
  on(event: RoomEvent, listener: (...args: never[]) => void): unknown;
  off(event: RoomEvent, listener: (...args: never[]) => void): unknown;
}

/** Where a LiveKit participant stands in the Matrix call. */
export type Admission =
  { status: 'member'; member: VoiceMember } | { status: 'unjoined'; listener: UnjoinedListener };

const USER_ID = /^@[^:\s]+:\S+$/;

/**
 * The Matrix user a LiveKit participant speaks for, as far as the token service vouched for it:
 * its name (the verified user ID), or the user part of a legacy `/sfu/get` identity
 * (`@user:server:DEVICE`). Hashed `/get_token` identities name nobody by themselves.
 */
export function vouchedUserOf(participant: Pick<GateParticipant, 'identity' | 'name'>) {
  if (participant.name && USER_ID.test(participant.name)) return participant.name;
  const cut = participant.identity.lastIndexOf(':');
  const user = participant.identity.slice(0, cut);
  return cut > 0 && USER_ID.test(user) ? user : undefined;
}

/**
 * A LiveKit participant is in the call only when a valid MatrixRTC membership of this call names
 * its identity (the membership's RTC backend identity: `user:device` for state-event
 * memberships, the hash of [user, device, member] for MSC4143 ones), as Element Call matches
 * them. Anyone else got a token as a room member but never joined: they are listed as such,
 * and their media is never subscribed to.
 */
export function admissionOf(
  participant: Pick<GateParticipant, 'identity' | 'name'>,
  members: readonly VoiceMember[],
  nameOf: (userId: string) => string | undefined,
): Admission {
  const member = members.find((m) => m.identity === participant.identity);
  if (member) return { status: 'member', member };
  const userId = vouchedUserOf(participant);
  return {
    status: 'unjoined',
    listener: {
      identity: participant.identity,
      userId,
      name: (userId && nameOf(userId)) ?? userId ?? 'Someone unknown',
    },
  };
}

function sameListeners(a: readonly UnjoinedListener[], b: readonly UnjoinedListener[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => l.identity === b[i]?.identity && l.name === b[i]?.name)
  );
}

/**
 * Subscribes to the media of exactly the participants whose call membership is valid (the Room
 * is connected with auto-subscribe off), and keeps the list of those listening without joining
 * in the store. Runs again whenever the call's memberships or the Room's participants and
 * tracks change: a membership that appears makes its participant heard, one that goes makes
 * them unheard. This is the gate in every room, encrypted or not: media keys (sent only to
 * members) are a second lock in encrypted rooms, never the one relied on.
 */
export class MediaGate {
  private readonly unbind: () => void;

  constructor(
    private readonly room: GateRoom,
    private readonly roomId: string,
    private readonly store: VoiceStoreApi,
    private readonly nameOf: (userId: string) => string | undefined,
    /** Writes to the store, while the call this gate belongs to is the one shown. */
    private readonly write: (changes: { unjoined: UnjoinedListener[] }) => void,
  ) {
    const sync = () => this.sync();
    const events = [
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ParticipantNameChanged,
      RoomEvent.TrackPublished,
      RoomEvent.Connected,
      RoomEvent.Reconnected,
    ];
    for (const event of events) room.on(event, sync);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.roster[roomId] !== prev.roster[roomId]) this.sync();
    });
    this.unbind = () => {
      for (const event of events) room.off(event, sync);
      unsubscribe();
    };
  }

  /** Whether this identity's media may be played now. */
  admits(identity: string): boolean {
    return this.members().some((m) => m.identity === identity);
  }

  /** Brings subscriptions and the unjoined list in step with the memberships. */
  sync(): void {
    const members = this.members();
    const unjoined: UnjoinedListener[] = [];
    for (const participant of this.room.remoteParticipants.values()) {
      const admission = admissionOf(participant, members, this.nameOf);
      const wanted = admission.status === 'member';
      if (admission.status === 'unjoined') unjoined.push(admission.listener);
      for (const publication of participant.trackPublications.values())
        if (publication.isDesired !== wanted) publication.setSubscribed(wanted);
    }
    if (!sameListeners(this.store.getState().unjoined, unjoined)) this.write({ unjoined });
  }

  close(): void {
    this.unbind();
  }

  private members(): readonly VoiceMember[] {
    const local = this.room.localParticipant.identity;
    return (this.store.getState().roster[this.roomId] ?? []).filter((m) => m.identity !== local);
  }
}

/** A gate over a real LiveKit Room. */
export const gateRoomOf = (room: Room): GateRoom => room;
