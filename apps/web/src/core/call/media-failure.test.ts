import { describe, expect, it } from 'vitest';
import { cameraFailureOf, shareFailureOf } from './media-failure';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('cameraFailureOf', () => {
  it.each([
    ['NotAllowedError', 'CAMERA_DENIED'],
    ['SecurityError', 'CAMERA_DENIED'],
    ['NotReadableError', 'CAMERA_IN_USE'],
    ['AbortError', 'CAMERA_IN_USE'],
    ['NotFoundError', 'NO_CAMERA'],
    ['OverconstrainedError', 'NO_CAMERA'],
    ['WeirdError', 'CAMERA_FAILED'],
  ])('%s → %s, with a message that says the voice continues', (name, code) => {
    const failure = cameraFailureOf(domError(name, 'boom'));
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(/voice continues/);
  });

  it('names the cause of an unknown failure', () => {
    expect(cameraFailureOf(domError('X', 'driver crashed')).message).toContain('driver crashed');
  });
});

describe('shareFailureOf', () => {
  it('a cancelled picker is not a failure', () => {
    expect(shareFailureOf(domError('NotAllowedError', 'Permission denied'))).toBeUndefined();
    expect(shareFailureOf(domError('AbortError', ''))).toBeUndefined();
  });

  it('a refusal by the system is', () => {
    expect(shareFailureOf(domError('NotAllowedError', 'Permission denied by system'))?.code).toBe(
      'SHARE_DENIED',
    );
  });

  it('an unsupported browser or another error is SHARE_FAILED with a reason', () => {
    expect(shareFailureOf(domError('NotSupportedError'))?.code).toBe('SHARE_FAILED');
    const other = shareFailureOf(domError('NotReadableError', 'capture failed'));
    expect(other?.code).toBe('SHARE_FAILED');
    expect(other?.message).toContain('capture failed');
  });
});
