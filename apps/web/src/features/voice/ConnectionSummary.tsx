import { lazy, Suspense, useRef, useState } from 'react';
import { Activity } from 'lucide-react';
import { useVoice } from './useVoice';
import { SignalBars } from './SignalBars';

const ConnectionInfoDialog = lazy(() => import('./connection-info/ConnectionInfoDialog'));

/** In the voice panel: your connection quality and ping. */
export function ConnectionSummary() {
  const quality = useVoice((s) => s.call?.quality ?? 'unknown');
  const pingMs = useVoice((s) => s.call?.pingMs);
  if (pingMs === undefined && quality === 'unknown') return null;
  return (
    <p className="flex items-center gap-1 text-xs text-muted">
      {quality !== 'unknown' && <SignalBars level={quality} />}
      {pingMs !== undefined && `Ping ${pingMs} ms`}
    </p>
  );
}

/** Opens the Connection info dialog (loaded on first open: it is not on the first screen). */
export function ConnectionInfoButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-label="Connection info"
        title="Connection info"
        className="rounded p-1.5 text-muted hover:bg-chat hover:text-strong"
        onClick={() => setOpen(true)}
      >
        <Activity size={18} aria-hidden="true" />
      </button>
      {open && (
        <Suspense fallback={null}>
          <ConnectionInfoDialog open onOpenChange={setOpen} returnFocus={button} />
        </Suspense>
      )}
    </>
  );
}
