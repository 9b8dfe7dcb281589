import { getCallNotificationExpiry } from 'matrix-js-sdk/lib/matrixrtc';

export type CallIntent = 'audio' | 'video';

/**
 * How long a DM call rings (MSC4075 `lifetime`, at most 90 s). 30 s: long enough to reach the
 * tab and click Accept, short enough that the caller is not left waiting on a call nobody will
 * take (Element Call and phones ring for a similar time).
 */
export const RING_LIFETIME_MS = 30_000;

/** A call ringing for you. */
export interface IncomingRing {
  /** The MSC4075 notification event's ID (what a decline references). */
  notificationId: string;
  roomId: string;
  callerId: string;
  callerName: string;
  intent: CallIntent;
  /** When it stops ringing and counts as missed (ms since the epoch). */
  expiresAt: number;
  /** The caller has been seen in the call (so their leaving it ends the ring). */
  callerSeen: boolean;
}

/** Your call ringing someone, and how it ended when they did not pick up. */
export type OutgoingRing =
  | {
      status: 'ringing';
      roomId: string;
      calleeId: string;
      calleeName: string;
      intent: CallIntent;
      /** Known once the SDK has sent the notification. */
      notificationId: string | undefined;
      expiresAt: number;
    }
  | { status: 'declined' | 'unanswered'; roomId: string; calleeName: string };

/** A call that rang for you and was not answered. */
export interface MissedCall {
  notificationId: string;
  roomId: string;
  callerName: string;
  intent: CallIntent;
}

export interface RingState {
  outgoing: OutgoingRing | undefined;
  incoming: IncomingRing[];
  missed: MissedCall[];
}

export const NO_RINGS: RingState = { outgoing: undefined, incoming: [], missed: [] };

export type RingAction =
  /** You started a call that rings `calleeId`. */
  | {
      type: 'dial';
      roomId: string;
      calleeId: string;
      calleeName: string;
      intent: CallIntent;
      now: number;
    }
  /** The SDK sent your call's notification. */
  | { type: 'sent'; notificationId: string }
  /** A decline (MSC4310) referencing `notificationId` was seen; `own`: one of your devices sent it. */
  | { type: 'declined'; notificationId: string; own: boolean }
  /** Who is in a room's call now (user IDs), and who you are. */
  | { type: 'roster'; roomId: string; userIds: readonly string[]; ownUserId: string }
  /** Your call in `roomId` ended or failed (you hung up, or it never connected). */
  | { type: 'hung-up'; roomId: string }
  /** Time passed: rings whose lifetime is over end (yours: no answer; theirs: missed). */
  | { type: 'tick'; now: number }
  /** A valid ring for you arrived. */
  | { type: 'ring'; ring: IncomingRing }
  /** You accepted or declined a ring on this device. */
  | { type: 'answered'; notificationId: string }
  /** You closed the notice about your call or a missed one. */
  | { type: 'dismiss'; roomId: string };

const toMissed = ({ notificationId, roomId, callerName, intent }: IncomingRing): MissedCall => ({
  notificationId,
  roomId,
  callerName,
  intent,
});

function withoutIncoming(
  state: RingState,
  gone: (ring: IncomingRing) => 'keep' | 'drop' | 'missed',
): RingState {
  const incoming: IncomingRing[] = [];
  const missed = [...state.missed];
  for (const ring of state.incoming) {
    const verdict = gone(ring);
    if (verdict === 'keep') incoming.push(ring);
    else if (verdict === 'missed') missed.push(toMissed(ring));
  }
  if (incoming.length === state.incoming.length) return state;
  return { ...state, incoming, missed };
}

function onRoster(state: RingState, action: Extract<RingAction, { type: 'roster' }>): RingState {
  const inCall = new Set(action.userIds);
  let next = state;
  const out = state.outgoing;
  // The person you rang joined: the call is answered and simply goes on.
  if (out?.status === 'ringing' && out.roomId === action.roomId && inCall.has(out.calleeId))
    next = { ...next, outgoing: undefined };
  // Rings in this room end when you are in the call (this device or another of yours), or when
  // the caller, seen in it, has left.
  next = withoutIncoming(next, (ring) => {
    if (ring.roomId !== action.roomId) return 'keep';
    if (inCall.has(action.ownUserId)) return 'drop';
    if (ring.callerSeen && !inCall.has(ring.callerId)) return 'missed';
    return 'keep';
  });
  if (next.incoming.some((r) => r.roomId === action.roomId && !r.callerSeen)) {
    next = {
      ...next,
      incoming: next.incoming.map((r) =>
        r.roomId === action.roomId && inCall.has(r.callerId) ? { ...r, callerSeen: true } : r,
      ),
    };
  }
  return next;
}

/** The ringing state machine: outgoing and incoming rings, as pure transitions. */
export function ringReducer(state: RingState, action: RingAction): RingState {
  const out = state.outgoing;
  switch (action.type) {
    case 'dial':
      return {
        ...state,
        outgoing: {
          status: 'ringing',
          roomId: action.roomId,
          calleeId: action.calleeId,
          calleeName: action.calleeName,
          intent: action.intent,
          notificationId: undefined,
          expiresAt: action.now + RING_LIFETIME_MS,
        },
      };
    case 'sent':
      return out?.status === 'ringing' && !out.notificationId
        ? { ...state, outgoing: { ...out, notificationId: action.notificationId } }
        : state;
    case 'declined': {
      if (out?.status === 'ringing' && !action.own && out.notificationId === action.notificationId)
        return {
          ...state,
          outgoing: { status: 'declined', roomId: out.roomId, calleeName: out.calleeName },
        };
      return action.own
        ? withoutIncoming(state, (r) =>
            r.notificationId === action.notificationId ? 'drop' : 'keep',
          )
        : state;
    }
    case 'roster':
      return onRoster(state, action);
    case 'hung-up':
      return out?.status === 'ringing' && out.roomId === action.roomId
        ? { ...state, outgoing: undefined }
        : state;
    case 'tick': {
      const next =
        out?.status === 'ringing' && out.expiresAt <= action.now
          ? {
              ...state,
              outgoing: {
                status: 'unanswered' as const,
                roomId: out.roomId,
                calleeName: out.calleeName,
              },
            }
          : state;
      return withoutIncoming(next, (r) => (r.expiresAt <= action.now ? 'missed' : 'keep'));
    }
    case 'ring':
      if (state.incoming.some((r) => r.notificationId === action.ring.notificationId)) return state;
      return { ...state, incoming: [...state.incoming, action.ring] };
    case 'answered':
      return withoutIncoming(state, (r) =>
        r.notificationId === action.notificationId ? 'drop' : 'keep',
      );
    case 'dismiss':
      return {
        ...state,
        outgoing: out?.status !== 'ringing' && out?.roomId === action.roomId ? undefined : out,
        missed: state.missed.filter((m) => m.roomId !== action.roomId),
      };
  }
}

/** The earliest moment a ring runs out, if any rings. */
export function nextExpiry(state: RingState): number | undefined {
  const times = state.incoming.map((r) => r.expiresAt);
  if (state.outgoing?.status === 'ringing') times.push(state.outgoing.expiresAt);
  return times.length ? Math.min(...times) : undefined;
}

/** What `readRing` needs to know about a received notification event and its room. */
export interface RingEvent {
  eventId: string;
  roomId: string;
  sender: string;
  senderName: string;
  content: Record<string, unknown>;
  originServerTs: number;
  ownUserId: string;
  /** The sender's power level lets them notify the whole room (`@room`). */
  senderMayMentionRoom: boolean;
  /** You are already in this room's call (on any device). */
  ownInCall: boolean;
  now: number;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * A received MSC4075 notification as a ring for you, or undefined when it should not ring:
 * your own, not a ring, malformed, not for you, already over (a stale one from sync), or for a
 * call you are already in.
 */
export function readRing(event: RingEvent): IncomingRing | undefined {
  const { content } = event;
  if (event.sender === event.ownUserId || event.ownInCall) return undefined;
  if (content['notification_type'] !== 'ring') return undefined;
  const senderTs = content['sender_ts'];
  const lifetime = content['lifetime'];
  if (!isCount(senderTs) || !isCount(lifetime)) return undefined;
  const mentions = content['m.mentions'] as { user_ids?: unknown; room?: unknown } | undefined;
  const forMe =
    (Array.isArray(mentions?.user_ids) && mentions.user_ids.includes(event.ownUserId)) ||
    (mentions?.room === true && event.senderMayMentionRoom);
  if (!forMe) return undefined;
  const expiresAt = getCallNotificationExpiry(
    { sender_ts: senderTs, lifetime },
    event.originServerTs,
    event.now,
  );
  if (expiresAt <= event.now) return undefined;
  return {
    notificationId: event.eventId,
    roomId: event.roomId,
    callerId: event.sender,
    callerName: event.senderName,
    intent: content['m.call.intent'] === 'video' ? 'video' : 'audio',
    expiresAt,
    callerSeen: false,
  };
}

/** What a received MSC4075 notification does for you. */
export type CallNotice =
  /** It rings: prompt, ringtone (a DM, or a room you let ring you). */
  | { kind: 'ring'; ring: IncomingRing }
  /** A call started: at most a quiet notification, as the room's notification settings allow. */
  | { kind: 'quiet'; callerName: string; intent: CallIntent }
  | { kind: 'none' };

/**
 * Where rings belong: a ring (`notification_type: ring`) rings only in a DM or a room you
 * allowed to ring you. Anywhere else, as for a plain `notification`, any member could otherwise
 * ring everyone in a big channel: it is a quiet notice at most. Your own, stale, malformed
 * ones, and those for a call you are in, do nothing.
 */
export function callNoticeOf(event: RingEvent & { ringsAllowed: boolean }): CallNotice {
  const { content } = event;
  if (event.sender === event.ownUserId || event.ownInCall) return { kind: 'none' };
  const type = content['notification_type'];
  if (type === 'ring' && event.ringsAllowed) {
    const ring = readRing(event);
    return ring ? { kind: 'ring', ring } : { kind: 'none' };
  }
  if (type !== 'ring' && type !== 'notification') return { kind: 'none' };
  const senderTs = content['sender_ts'];
  const lifetime = content['lifetime'];
  if (!isCount(senderTs) || !isCount(lifetime)) return { kind: 'none' };
  const expiresAt = getCallNotificationExpiry(
    { sender_ts: senderTs, lifetime },
    event.originServerTs,
    event.now,
  );
  if (expiresAt <= event.now) return { kind: 'none' };
  return {
    kind: 'quiet',
    callerName: event.senderName,
    intent: content['m.call.intent'] === 'video' ? 'video' : 'audio',
  };
}
