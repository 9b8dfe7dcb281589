import { useEffect, useState } from 'react';
import { reconnectingText } from '../../core/call/backoff';
import type { RetryState } from '../../stores/voice-store';

/** Counts down to one try; keyed by the try, so each starts from the right time. */
function Countdown({ retry }: { retry: RetryState }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  // The seconds tick for the eye only: a live region read out every second would be noise.
  return (
    <>
      <span aria-hidden="true">{reconnectingText(retry, now)}</span>
      <span className="sr-only">{`Reconnecting… (attempt ${retry.attempt} of ${retry.attempts})`}</span>
    </>
  );
}

/** "Reconnecting…", with which try and when the next starts while HAOS gets the call back. */
export function ReconnectingText({ retry }: { retry: RetryState | undefined }) {
  if (!retry || retry.nextAt === undefined) return reconnectingText(retry, 0);
  return <Countdown key={`${retry.attempt}@${retry.nextAt}`} retry={retry} />;
}
