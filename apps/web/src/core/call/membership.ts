import type { MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import type { LivekitTransport } from './transport';

/** How a call is joined: its intent, and whether joining it first rings the others. */
export interface JoinOptions {
  intent: 'audio' | 'video';
  /** Ring the room's other members (MSC4075) for this long, when you are the first one in. */
  ringLifetimeMs?: number;
}

/**
 * The arguments for MatrixRTCSession.joinRTCSession that make the SDK send the membership
 * Element Call sends in its default ("compatibility") mode: an `org.matrix.msc3401.call.member`
 * state event keyed `_{userId}_{deviceId}_m.call`, with a multi-SFU `focus_active` naming our
 * LiveKit service and, for older clients, the room ID as `livekit_alias`. Leaving is an empty
 * event, and a delayed leave (MSC4140) removes a crashed client within seconds.
 */
export function membershipArgs(
  userId: string,
  deviceId: string,
  transport: LivekitTransport,
  roomId: string,
  encrypted: boolean,
  options: JoinOptions = { intent: 'audio' },
): Parameters<MatrixRTCSession['joinRTCSession']> {
  return [
    { userId, deviceId, memberId: `${userId}:${deviceId}` },
    [],
    { ...transport, livekit_alias: roomId },
    {
      callIntent: options.intent,
      // The SDK sends the ring once our membership event exists, referencing it (m.reference).
      ...(options.ringLifetimeMs
        ? { notificationType: 'ring' as const, notificationLifetimeMs: options.ringLifetimeMs }
        : {}),
      // Media keys go out over Olm to-device messages only in encrypted rooms.
      manageMediaKeys: encrypted,
      networkErrorRetryMs: 1000,
    },
  ];
}
