import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconnectingText, retryWithBackoff, type BackoffSteps } from './backoff';
import type { RetryState } from '../../stores/voice-store';

function steps(results: (boolean | Error)[], cancelled = () => false) {
  const reports: RetryState[] = [];
  const prepare = vi.fn(() => Promise.resolve());
  const attempt = vi.fn(() => {
    const next = results.shift();
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? false);
  });
  const hooks: BackoffSteps = {
    prepare,
    report: (retry) => reports.push(retry),
    cancelled,
    attempt,
  };
  return { hooks, reports, prepare, attempt };
}

describe('retryWithBackoff', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('says which try it is and when it starts, and stops at the first success', async () => {
    const { hooks, reports, attempt } = steps([new Error('refused'), true]);
    const done = retryWithBackoff([100, 400, 800], hooks);
    await vi.advanceTimersByTimeAsync(100);
    await vi.advanceTimersByTimeAsync(400);
    await expect(done).resolves.toEqual({ back: true });
    expect(reports).toEqual([
      { attempt: 1, attempts: 3, nextAt: 100 },
      { attempt: 1, attempts: 3, nextAt: undefined },
      { attempt: 2, attempts: 3, nextAt: 500 },
      { attempt: 2, attempts: 3, nextAt: undefined },
    ]);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('waits longer each time and returns the last error when every try fails', async () => {
    const { hooks, attempt, prepare } = steps([new Error('one'), false, new Error('three')]);
    const done = retryWithBackoff([100, 200, 300], hooks);
    await vi.advanceTimersByTimeAsync(100);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(301);
    const result = await done;
    expect(result.back).toBe(false);
    expect(!result.back && (result.error as Error).message).toBe('three');
    expect(prepare).toHaveBeenCalledTimes(3);
  });

  it('stops trying once cancelled (the person left)', async () => {
    let left = false;
    const { hooks, attempt } = steps([false, false], () => left);
    const done = retryWithBackoff([100, 100], hooks);
    left = true;
    await vi.advanceTimersByTimeAsync(100);
    await expect(done).resolves.toEqual({ back: false, error: undefined });
    expect(attempt).not.toHaveBeenCalled();
  });
});

describe('reconnectingText', () => {
  it.each([
    [undefined, 0, 'Reconnecting…'],
    [{ attempt: 2, attempts: 7, nextAt: 4000 }, 0, 'Reconnecting… (attempt 2 of 7, next in 4 s)'],
    [
      { attempt: 2, attempts: 7, nextAt: 4000 },
      3100,
      'Reconnecting… (attempt 2 of 7, next in 1 s)',
    ],
    [{ attempt: 2, attempts: 7, nextAt: 4000 }, 4000, 'Reconnecting… (attempt 2 of 7, trying now)'],
    [
      { attempt: 7, attempts: 7, nextAt: undefined },
      0,
      'Reconnecting… (attempt 7 of 7, trying now)',
    ],
  ])('shows %j at %i ms as "%s"', (retry, now, text) => {
    expect(reconnectingText(retry, now)).toBe(text);
  });
});
