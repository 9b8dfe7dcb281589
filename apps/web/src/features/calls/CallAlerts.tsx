import { lazy, Suspense } from 'react';
import { useRinging } from './useRinging';

// Loaded with the first ring or call notice, not with the first screen.
const RingAlerts = lazy(() => import('./RingAlerts'));

/** Calls ringing for you and what became of calls that rang, wherever you are in the app. */
export function CallAlerts() {
  const any = useRinging(
    (s) =>
      s.incoming.length > 0 ||
      s.missed.length > 0 ||
      s.error !== undefined ||
      (s.outgoing !== undefined && s.outgoing.status !== 'ringing'),
  );
  if (!any) return null;
  return (
    <Suspense fallback={null}>
      <RingAlerts />
    </Suspense>
  );
}
