import { UserX } from 'lucide-react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { useAsyncAction } from '../../app/forms';
import type { RemovalLookup } from '../../core/matrix/removals';

/**
 * Where a server or channel was: you are not in it any more. Says who removed you and why (the
 * reason is their words, shown as text), or that you are not a member; offers to forget it. A
 * channel of a server you are still in is not forgotten (the client would then take it for a new
 * channel of the server and join it again): it offers the way back to the server.
 */
export function RemovedNotice({
  lookup,
  what,
  serverId,
}: {
  lookup: RemovalLookup | undefined;
  what: 'server' | 'channel';
  /** A channel of a server you are still in: "Back to the server" instead of forgetting it. */
  serverId?: string;
}) {
  const controller = useController();
  const navigate = useNavigate();
  const { busy, error, run } = useAsyncAction();
  const frame = (children: React.ReactNode) => (
    <main
      data-channel-part
      className="flex flex-1 items-center justify-center bg-chat p-6 text-center text-muted"
    >
      {children}
    </main>
  );
  if (!lookup) return frame(`Loading your ${what === 'server' ? 'servers' : 'channels'}…`);
  if (lookup.status === 'checking') return frame('Checking…');
  if (lookup.status === 'not-member')
    return frame(
      <p>
        {what === 'server'
          ? "You're not a member of this server. Ask for an invite to join it."
          : "You're not in this channel."}
      </p>,
    );
  const { removal } = lookup;
  const place = removal.isServer ? 'server' : 'channel';
  const verb = removal.how === 'ban' ? 'banned you from' : 'removed you from';
  return frame(
    <section
      aria-label={`Removed from ${removal.roomName}`}
      data-removal={removal.how}
      className="flex max-w-md flex-col items-center gap-3"
    >
      <UserX aria-hidden className="size-10 text-danger" />
      <h2 className="text-lg font-semibold text-strong">
        {removal.byName} {verb} {removal.roomName}
      </h2>
      {removal.byName !== removal.by && <p className="text-xs">{removal.by}</p>}
      <p>{removal.reason ? <>Reason: “{removal.reason}”</> : 'No reason was given.'}</p>
      <p className="text-xs">
        {removal.how === 'ban'
          ? `You can't rejoin this ${place} unless a moderator lifts the ban.`
          : `You can rejoin this ${place} if someone invites you again.`}
      </p>
      {serverId ? (
        <button
          type="button"
          className="rounded bg-blurple px-3 py-1.5 font-medium text-white"
          onClick={() => void navigate(`/channels/${encodeURIComponent(serverId)}`)}
        >
          Back to the server
        </button>
      ) : (
        <button
          type="button"
          disabled={busy}
          className="rounded bg-blurple px-3 py-1.5 font-medium text-white disabled:opacity-50"
          onClick={() =>
            void run(`forget this ${place}`, async () => {
              await controller.servers.forgetRoom(removal.roomId);
              void navigate('/channels/@me');
            })
          }
        >
          Forget this {place}
        </button>
      )}
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </section>,
  );
}
