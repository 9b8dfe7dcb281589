import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import type { SessionProblem } from '../../stores/session-store';

/**
 * A saved session HAOS could not resume: what happened and what to do, instead of a sign-in
 * screen that would look as if the person had been signed out.
 */
export function SessionProblemScreen({ problem }: { problem: SessionProblem }) {
  const controller = useController();
  const [confirming, setConfirming] = useState(false);
  return (
    <main className="flex min-h-full items-center justify-center bg-rail p-4">
      <section
        aria-labelledby="problem-title"
        data-problem-code={problem.code}
        className="w-full max-w-md space-y-4 rounded-lg bg-chat p-8 shadow-xl"
      >
        <h1 id="problem-title" className="text-center text-2xl font-semibold text-strong">
          HAOS couldn&apos;t resume your session
        </h1>
        <p role="alert" className="text-sm">
          {problem.message}
        </p>
        <button
          type="button"
          className="w-full rounded bg-blurple p-2.5 font-medium text-white hover:brightness-110"
          onClick={() => void controller.retryRestore()}
        >
          Try again
        </button>
        {confirming ? (
          <div className="space-y-2 rounded bg-sidebar p-3 text-sm">
            <p>
              Signing in again makes a new session on this device. Encrypted messages can then be
              read only with your recovery key or another signed-in device.
            </p>
            <div className="flex gap-2">
              <button
                type="button"
                className="flex-1 rounded bg-input p-2 text-strong"
                onClick={() => setConfirming(false)}
              >
                Cancel
              </button>
              <button
                type="button"
                className="flex-1 rounded bg-danger p-2 font-medium text-white"
                onClick={() => void controller.forgetSession()}
              >
                Sign in again
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="w-full rounded bg-input p-2.5 font-medium text-strong"
            onClick={() => setConfirming(true)}
          >
            Sign in again…
          </button>
        )}
      </section>
    </main>
  );
}
