import type { ReactNode } from 'react';
import { useMaybeNavDrawer } from '../../app/NavDrawer';

/** The bar above a channel: the phone menu button, the channel's icon and name, its lock. */
export function ChannelHeader({
  kind,
  name,
  encrypted,
  children,
}: {
  kind: 'text' | 'voice';
  name: string;
  encrypted: boolean;
  /** Whatever the channel adds on the right (topic, toggles). */
  children?: ReactNode;
}) {
  const drawer = useMaybeNavDrawer();
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
      <button
        type="button"
        className="rounded p-1 text-xl text-muted hover:text-strong md:hidden"
        aria-label="Show servers and channels"
        onClick={() => drawer?.setOpen(true)}
      >
        ☰
      </button>
      <span aria-hidden="true" className="text-xl text-muted">
        {kind === 'voice' ? '🔊' : '#'}
      </span>
      <h1 className="font-semibold text-strong">{name}</h1>
      {encrypted && (
        <span title="End-to-end encrypted" aria-label="End-to-end encrypted" className="text-ok">
          🔒
        </span>
      )}
      {children}
    </header>
  );
}
