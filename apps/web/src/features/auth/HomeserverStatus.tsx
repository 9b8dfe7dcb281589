import type { AppConfig } from '../../core/config/app-config';
import { useHomeserverProbe } from './useHomeserverProbe';

/** Live status of the configured homeserver and the call service it announces. */
export function HomeserverStatus({ config }: { config: AppConfig }) {
  const probe = useHomeserverProbe(config.defaultHomeserverUrl);
  return (
    <section aria-label="Homeserver status" className="rounded-md bg-rail p-4 text-sm">
      <p>
        Homeserver <strong className="text-white">{config.defaultServerName}</strong>{' '}
        <span className="text-muted">({config.defaultHomeserverUrl})</span>
      </p>
      {probe.status === 'checking' && <p role="status">Checking the homeserver…</p>}
      {probe.status === 'unreachable' && (
        <p role="alert" className="text-danger">
          {probe.error}. Check that it is running and try again.
        </p>
      )}
      {probe.status === 'reachable' && (
        <>
          <p role="status" className="text-ok">
            Online, Matrix {probe.versions.at(-1) ?? 'unknown version'}
          </p>
          <p>
            Voice and video:{' '}
            {probe.rtcFoci.length > 0
              ? `LiveKit through ${probe.rtcFoci.join(', ')}`
              : 'no call service announced'}
          </p>
        </>
      )}
    </section>
  );
}
