import type { RetryState } from '../../stores/voice-store';

/** What a back-off loop does at each step. */
export interface BackoffSteps {
  /** Before each wait (e.g. drop what is left of the old connection). */
  prepare(): Promise<void>;
  /** What to show: which try this is, and when it starts (undefined once it runs). */
  report(retry: RetryState): void;
  /** Stop trying (left the call, or nothing to try with). */
  cancelled(): boolean;
  /** One try; true when it got back. */
  attempt(): Promise<boolean>;
}

export type BackoffResult = { back: true } | { back: false; error: unknown };

/**
 * Tries again after each of `delays` (ms), reporting every step so the person sees which try
 * this is and when the next comes; stops at the first success, when cancelled, or when the
 * delays run out. Failed tries do not throw: the last error is returned.
 */
export async function retryWithBackoff(
  delays: readonly number[],
  steps: BackoffSteps,
  now: () => number = Date.now,
): Promise<BackoffResult> {
  let error: unknown;
  const attempts = delays.length;
  for (const [index, delay] of delays.entries()) {
    if (steps.cancelled()) break;
    await steps.prepare();
    const attempt = index + 1;
    steps.report({ attempt, attempts, nextAt: now() + delay });
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (steps.cancelled()) break;
    steps.report({ attempt, attempts, nextAt: undefined });
    try {
      if (await steps.attempt()) return { back: true };
    } catch (failure) {
      error = failure;
    }
  }
  return { back: false, error };
}

/** What the voice panel says while getting a call back, e.g. "Reconnecting… (attempt 2 of 7, next in 4 s)". */
export function reconnectingText(retry: RetryState | undefined, now: number): string {
  if (!retry) return 'Reconnecting…';
  const which = `attempt ${retry.attempt} of ${retry.attempts}`;
  if (retry.nextAt === undefined || retry.nextAt <= now)
    return `Reconnecting… (${which}, trying now)`;
  const seconds = Math.ceil((retry.nextAt - now) / 1000);
  return `Reconnecting… (${which}, next in ${seconds} s)`;
}
