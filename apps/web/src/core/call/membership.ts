import type { MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import type { LivekitTransport } from './transport';

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
): Parameters<MatrixRTCSession['joinRTCSession']> {
  return [
    { userId, deviceId, memberId: `${userId}:${deviceId}` },
    [],
    { ...transport, livekit_alias: roomId },
    {
      callIntent: 'audio',
      // Media keys go out over Olm to-device messages only in encrypted rooms.
      manageMediaKeys: encrypted,
      networkErrorRetryMs: 1000,
    },
  ];
}
