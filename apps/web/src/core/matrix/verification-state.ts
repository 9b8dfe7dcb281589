import { VerificationPhase, type EmojiMapping } from 'matrix-js-sdk/lib/crypto-api';
import type { EmojiView, VerificationEnd, VerificationState } from '../../stores/security-store';

/** What this device knows about one verification request at a moment. */
export interface RequestSnapshot {
  phase: VerificationPhase;
  initiatedByMe: boolean;
  otherDeviceId: string | undefined;
  /** The spec's cancellation code (m.user, m.timeout, m.mismatched_sas, …), once cancelled. */
  cancellationCode: string | null;
  /** This device cancelled (declined, said the emoji don't match, or gave up). */
  cancelledHere: boolean;
  /** The emoji to compare, once both sides have exchanged keys. */
  emoji: readonly EmojiMapping[] | undefined;
  /** This side said the emoji match. */
  confirmed: boolean;
}

export function emojiViews(emoji: readonly EmojiMapping[]): EmojiView[] {
  return emoji.map(([symbol, name]) => ({ symbol, name }));
}

/** Why a verification ended, for people: by cancellation code and by who cancelled. */
export function endFrom(code: string | null, cancelledHere: boolean): VerificationEnd {
  switch (code) {
    case 'm.mismatched_sas':
      return {
        code: 'MISMATCH',
        message:
          "The emoji didn't match, so the device was not verified. Someone may be interfering; try again, and if it happens again, don't trust the new sign-in.",
      };
    case 'm.timeout':
      return {
        code: 'TIMEOUT',
        message: 'The verification timed out. Start it again when both devices are at hand.',
      };
    case 'm.accepted':
      return {
        code: 'ANSWERED_ELSEWHERE',
        message: 'Another of your devices answered this request.',
      };
    case 'm.key_mismatch':
    case 'm.invalid_message':
    case 'm.unexpected_message':
    case 'm.unknown_transaction':
    case 'm.unknown_method':
      return {
        code: code === 'm.key_mismatch' ? 'KEY_MISMATCH' : 'FAILED',
        message: `The verification failed (${code}). Try again.`,
      };
    case 'm.user':
    default:
      return cancelledHere
        ? { code: 'CANCELLED_HERE', message: 'You cancelled the verification.' }
        : {
            code: 'DECLINED',
            message: 'Your other device declined or cancelled the verification.',
          };
  }
}

/** The state the UI shows for a request. */
export function verificationStateFrom(request: RequestSnapshot): VerificationState {
  switch (request.phase) {
    case VerificationPhase.Unsent:
    case VerificationPhase.Requested:
      return request.initiatedByMe
        ? { phase: 'requested' }
        : { phase: 'incoming', otherDeviceId: request.otherDeviceId };
    case VerificationPhase.Ready:
      return { phase: 'ready' };
    case VerificationPhase.Started:
      if (!request.emoji) return { phase: 'ready' };
      return request.confirmed
        ? { phase: 'confirmed', emoji: emojiViews(request.emoji) }
        : { phase: 'showing-emoji', emoji: emojiViews(request.emoji) };
    case VerificationPhase.Done:
      return { phase: 'done' };
    case VerificationPhase.Cancelled:
      return {
        phase: 'cancelled',
        reason: endFrom(request.cancellationCode, request.cancelledHere),
      };
  }
}
