import { useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import { StatusMenu } from './StatusMenu';
import { ThemeToggle } from './ThemeToggle';

/** Bottom of the channel column: who you are, and signing out. */
export function UserPanel() {
  const controller = useController();
  const auth = useAuth();
  const [busy, setBusy] = useState(false);
  if (auth.status !== 'signed-in') return null;
  const name = controller.client?.getUser(auth.userId)?.displayName ?? auth.userId;
  return (
    <section aria-label="User panel" className="flex h-14 items-center gap-2 bg-panel px-2">
      <StatusMenu initial={[...name.replace(/^@/, '')][0]?.toUpperCase() ?? '?'} />
      <div className="min-w-0 flex-1 leading-tight">
        <p className="truncate text-sm font-semibold text-strong">{name}</p>
        <p className="truncate text-xs text-muted">{auth.userId}</p>
      </div>
      <ThemeToggle />
      <button
        type="button"
        aria-label="Sign out"
        title="Sign out"
        disabled={busy}
        className="rounded p-1.5 text-muted hover:bg-chat hover:text-strong"
        onClick={() => {
          setBusy(true);
          void controller.signOut().finally(() => setBusy(false));
        }}
      >
        ⏻
      </button>
    </section>
  );
}
