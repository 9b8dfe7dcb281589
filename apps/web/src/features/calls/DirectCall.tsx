import { lazy, Suspense } from 'react';
import { useVoice } from '../voice/useVoice';

// The call stage loads when a DM has a call, not with the first screen.
const DirectCallArea = lazy(() => import('./DirectCallArea'));

/** A DM's call, above its messages, while anyone is in it (or you are joining it). */
export function DirectCall({ roomId }: { roomId: string }) {
  const active = useVoice((s) => s.call?.roomId === roomId || (s.roster[roomId]?.length ?? 0) > 0);
  if (!active) return null;
  return (
    <Suspense fallback={null}>
      <DirectCallArea roomId={roomId} />
    </Suspense>
  );
}
