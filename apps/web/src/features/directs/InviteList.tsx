import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { describeMatrixError } from '../../core/matrix/describe-error';
import type { InviteView } from '../../stores/rooms-store';
import { useRooms } from '../servers/useServers';

function Invite({ invite }: { invite: InviteView }) {
  const controller = useController();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const act = async (accept: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      if (!accept) {
        await controller.directs.declineInvite(invite.id);
      } else if (invite.isServer) {
        const serverId = await controller.servers.joinServer({ roomIdOrAlias: invite.id, via: [] });
        void navigate(`/channels/${encodeURIComponent(serverId)}`);
      } else {
        await controller.directs.acceptInvite(invite.id);
        void navigate(`/channels/@me/${encodeURIComponent(invite.id)}`);
      }
    } catch (caught) {
      setError(describeMatrixError(caught, accept ? 'accept the invite' : 'decline the invite'));
      setBusy(false);
    }
  };
  return (
    <li
      className="rounded bg-chat/60 p-2 text-sm"
      aria-label={`Invite to ${invite.name} from ${invite.inviter}`}
    >
      <p className="truncate font-medium text-strong">{invite.name}</p>
      <p className="truncate text-xs text-muted">from {invite.inviter}</p>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
      <div className="mt-1 flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(true)}
          className="rounded bg-ok px-2 py-0.5 text-white disabled:opacity-60"
        >
          Accept
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(false)}
          className="rounded bg-sidebar px-2 py-0.5 text-muted hover:text-strong disabled:opacity-60"
        >
          Decline
        </button>
      </div>
    </li>
  );
}

/** Pending invites to DMs, rooms and servers. */
export function InviteList() {
  const invites = useRooms((s) => s.invites);
  if (invites.length === 0) return null;
  return (
    <section aria-label="Invites">
      <h3 className="px-2 text-xs font-bold uppercase text-muted">Invites</h3>
      <ul className="mt-1 space-y-1">
        {invites.map((i) => (
          <Invite key={i.id} invite={i} />
        ))}
      </ul>
    </section>
  );
}
