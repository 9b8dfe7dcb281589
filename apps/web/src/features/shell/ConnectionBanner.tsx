import { useConnection } from '../../app/useSession';

/** A banner while the homeserver can't be reached; the client keeps retrying by itself. */
export function ConnectionBanner() {
  const connection = useConnection();
  if (connection === 'online' || connection === 'connecting') return null;
  return (
    <div role="status" className="bg-danger px-4 py-1 text-center text-sm font-medium text-white">
      {connection === 'reconnecting'
        ? 'Connection to the homeserver lost. Reconnecting…'
        : 'Offline: the homeserver can’t be reached. HAOS will reconnect when it’s back.'}
    </div>
  );
}
