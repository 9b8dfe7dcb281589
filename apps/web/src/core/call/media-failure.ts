/** Stable codes for what can go wrong with your camera or a screen share (the call goes on). */
export type MediaFailureCode =
  | 'CAMERA_DENIED'
  | 'CAMERA_IN_USE'
  | 'NO_CAMERA'
  | 'CAMERA_FAILED'
  | 'SHARE_DENIED'
  | 'SHARE_FAILED';

export interface MediaFailure {
  code: MediaFailureCode;
  message: string;
}

const nameOf = (error: unknown) => (error as { name?: string } | undefined)?.name ?? '';
const detailOf = (error: unknown) =>
  String((error as { message?: string } | undefined)?.message ?? error);

/** Why the camera could not be opened, in words a person understands. Audio is unaffected. */
export function cameraFailureOf(error: unknown): MediaFailure {
  switch (nameOf(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        code: 'CAMERA_DENIED',
        message:
          'Camera blocked: allow the camera for this site in your browser, then try again. Your voice continues.',
      };
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return {
        code: 'CAMERA_IN_USE',
        message:
          'Your camera is in use by another app or could not start. Close that app, then try again. Your voice continues.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return {
        code: 'NO_CAMERA',
        message: 'No camera found: plug one in, then try again. Your voice continues.',
      };
    default:
      return {
        code: 'CAMERA_FAILED',
        message: `Your camera could not be turned on (${detailOf(error)}). Your voice continues.`,
      };
  }
}

/**
 * Why a screen share could not start; undefined when the person cancelled the browser's picker
 * (which is a choice, not an error). Chromium reports both a cancelled picker and a refusal by
 * the site's permissions as NotAllowedError; only the latter mentions "system" or "policy".
 */
export function shareFailureOf(error: unknown): MediaFailure | undefined {
  const name = nameOf(error);
  const detail = detailOf(error);
  if (name === 'NotAllowedError' || name === 'AbortError') {
    if (/system|policy|permissions policy/i.test(detail))
      return {
        code: 'SHARE_DENIED',
        message:
          'Screen sharing is blocked by your browser or system settings. Allow screen recording for your browser, then try again.',
      };
    return undefined;
  }
  if (name === 'NotSupportedError' || name === 'TypeError')
    return {
      code: 'SHARE_FAILED',
      message: 'This browser cannot share your screen. Try a recent Chrome, Edge or Firefox.',
    };
  return {
    code: 'SHARE_FAILED',
    message: `Your screen could not be shared (${detail}). Try again.`,
  };
}
