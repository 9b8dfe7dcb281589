import { lazy, Suspense, useRef, useState } from 'react';
import { Activity } from 'lucide-react';
import { useVoice } from './useVoice';
import { SignalBars } from './SignalBars';
import { PanelIconButton } from './PanelIconButton';

const ConnectionInfoDialog = lazy(() => import('./connection-info/ConnectionInfoDialog'));

/** In the voice panel: your connection quality and ping. */
export function ConnectionSummary() {
  const quality = useVoice((s) => s.call?.quality ?? 'unknown');
  const pingMs = useVoice((s) => s.call?.pingMs);
  if (pingMs === undefined && quality === 'unknown') return null;
  return (
    <p className="flex items-center gap-1 text-xs text-muted">
      {quality !== 'unknown' && <SignalBars level={quality} />}
      {pingMs !== undefined && <span>Ping {pingMs} ms</span>}
    </p>
  );
}

/** Opens the Connection info dialog (loaded on first open: it is not on the first screen). */
export function ConnectionInfoButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <PanelIconButton
        ref={button}
        label="Connection info"
        icon={Activity}
        onClick={() => setOpen(true)}
      />
      {open && (
        <Suspense fallback={null}>
          <ConnectionInfoDialog open onOpenChange={setOpen} returnFocus={button} />
        </Suspense>
      )}
    </>
  );
}
