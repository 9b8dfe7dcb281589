import type { MatrixRTCSession } from 'matrix-js-sdk/lib/matrixrtc';
import type { LivekitTransport } from './transport';

/** How a call is joined: its intent, and whether joining it first rings the others. */
export interface JoinOptions {
  intent: 'audio' | 'video';
  /** Ring the room's other members (MSC4075) for this long, when you are the first one in. */
  ringLifetimeMs?: number;
}

/**
 * How the membership is kept alive, sized for a loaded machine. The SDK restarts the delayed
 * leave event every RESTART ms; the homeserver sends it (we "leave") when DELAY ms pass without
 * one. 15 s against 4 s restarts lets heartbeats run 11 s late (a starved tab, a slow link)
 * before others see us leave and join again; the token service, which we hand the delayed
 * leave to (delegation), keeps it alive as long as LiveKit sees us and sends it as soon as
 * LiveKit sees us go, so a closed tab still disappears at once.
 */
export const MEMBERSHIP_TIMING = {
  delayedLeaveEventDelayMs: 15_000,
  delayedLeaveEventRestartMs: 4_000,
  // A restart that takes long under load still counts; it is not abandoned after 2 s.
  delayedLeaveEventRestartLocalTimeoutMs: 5_000,
  networkErrorRetryMs: 1_000,
  // Network errors are retried for as long as the delayed leave would keep us (as Element Call
  // sizes it), rather than giving up on the call after ten.
  maximumNetworkErrorRetryCount: 16,
} as const;

/**
 * Media key rotation (encrypted rooms). A rotation sends the new key to everyone and starts
 * using it USE ms later: 3 s (not the SDK's 1 s) gives the key time to arrive on a busy client,
 * so the others keep hearing us on the old key meanwhile. Someone who joins within GRACE ms of
 * the last rotation gets the current key instead of causing another one, so a member who drops
 * out and straight back (a membership flap) costs one rotation, not two. Leavers always cause a
 * rotation. (The SDK's `makeKeyDelay` is not read by its current encryption manager.)
 */
export const KEY_ROTATION = {
  useKeyDelay: 3_000,
  keyRotationGracePeriodMs: 20_000,
} as const;

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
      ...MEMBERSHIP_TIMING,
      ...(encrypted ? KEY_ROTATION : {}),
    },
  ];
}
