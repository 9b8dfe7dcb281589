import { useEffect, useState } from 'react';
import { probeHomeserver, type HomeserverProbe } from '../../core/matrix/homeserver-probe';

/** Probes `baseUrl`; while a new URL is being checked, reports 'checking'. */
export function useHomeserverProbe(baseUrl: string): HomeserverProbe {
  const [result, setResult] = useState<{ url: string; probe: HomeserverProbe } | undefined>();
  useEffect(() => {
    let cancelled = false;
    void probeHomeserver(baseUrl).then((probe) => !cancelled && setResult({ url: baseUrl, probe }));
    return () => {
      cancelled = true;
    };
  }, [baseUrl]);
  return result?.url === baseUrl ? result.probe : { status: 'checking' };
}
