import { DisconnectReason, type ReconnectPolicy } from 'livekit-client';
import type { MicState } from '../../stores/voice-store';

/** How a call reacts to trouble: which disconnects are final, how it retries, mic errors. */

/** Disconnections that another try would not fix (or would make worse), with what to say. */
export const FINAL_DISCONNECTS: Partial<Record<DisconnectReason, string>> = {
  [DisconnectReason.DUPLICATE_IDENTITY]:
    'You joined this call from another tab or window with this session.',
  [DisconnectReason.PARTICIPANT_REMOVED]: 'You were removed from the call.',
  [DisconnectReason.ROOM_DELETED]: 'The call was ended on the voice server.',
};
/** Waits between fresh-token reconnects after LiveKit's own reconnection gave up (~30 s in all). */
export const RECOVERY_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 8000, 8000];

/**
 * LiveKit's own resume/reconnect, kept short (about 7 s): when the SFU has restarted, the old
 * token's room is gone and only a fresh token (which recreates the room) can get back in.
 */
export const SHORT_RECONNECT_POLICY: ReconnectPolicy = {
  nextRetryDelayInMs: ({ retryCount }) => [0, 300, 1000, 2000, 3500][retryCount] ?? null,
};

export function micStateOf(error: unknown): MicState {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}
