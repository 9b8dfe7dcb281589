import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import { useSecurity } from './useSecurity';

const dismissedKey = (userId: string) => `haos.recovery-nudge.${userId}`;

function wasDismissed(userId: string): boolean {
  try {
    return localStorage.getItem(dismissedKey(userId)) === 'dismissed';
  } catch {
    return false;
  }
}

/**
 * In an encrypted conversation on an account without recovery: before its history can be lost,
 * HAOS says so once, in plain words, and offers to set recovery up. "Not now" is remembered on
 * this device; the sign-out dialog asks again.
 */
export function RecoveryNudge() {
  const controller = useController();
  const auth = useAuth();
  const userId = auth.status === 'signed-in' ? auth.userId : '';
  const notSetUp = useSecurity((s) => s.overview.kind === 'not-set-up');
  const [dismissed, setDismissed] = useState(() => wasDismissed(userId));
  if (!notSetUp || dismissed || !userId) return null;
  return (
    <section
      aria-label="Keep your encrypted messages"
      className="mx-4 mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded bg-sidebar p-3 text-sm"
    >
      <p className="min-w-0 flex-1">
        Only your devices can read this conversation. Set up recovery so you can still read it if
        you sign out or lose this device.
      </p>
      <button
        type="button"
        className="rounded bg-blurple px-3 py-1 font-medium text-white"
        onClick={() => controller.encryption.openDialog()}
      >
        Set up recovery
      </button>
      <button
        type="button"
        className="rounded px-2 py-1 text-muted underline"
        onClick={() => {
          try {
            localStorage.setItem(dismissedKey(userId), 'dismissed');
          } catch {
            // Storage refused: dismissed for this visit only.
          }
          setDismissed(true);
        }}
      >
        Not now
      </button>
    </section>
  );
}
