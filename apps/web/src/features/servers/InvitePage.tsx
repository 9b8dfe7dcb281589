import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { describeMatrixError } from '../../core/matrix/describe-error';
import { parseInvite } from '../../core/matrix/servers';

/** Where an invite link lands: confirm, join the server and its channels, go there. */
export function InvitePage() {
  const location = useLocation();
  const controller = useController();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const invite = parseInvite(`${location.pathname}${location.search}`);

  const join = async () => {
    if (!invite) return;
    setBusy(true);
    setError(undefined);
    try {
      const serverId = await controller.servers.joinServer(invite);
      void navigate(`/channels/${encodeURIComponent(serverId)}`, { replace: true });
    } catch (caught) {
      setError(describeMatrixError(caught, 'join this server'));
      setBusy(false);
    }
  };

  return (
    <main className="flex flex-1 items-center justify-center bg-chat p-6">
      <div className="w-full max-w-md space-y-4 rounded-lg bg-sidebar p-8 text-center">
        {invite ? (
          <>
            <h1 className="text-xl font-semibold text-strong">
              You've been invited to join a server
            </h1>
            <p className="break-all text-sm text-muted">{invite.roomIdOrAlias}</p>
            {error && (
              <p role="alert" className="text-sm text-danger">
                {error}
              </p>
            )}
            <button
              type="button"
              disabled={busy}
              onClick={() => void join()}
              className="w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60"
            >
              {busy ? 'Joining…' : 'Accept invite'}
            </button>
          </>
        ) : (
          <p role="alert" className="text-danger">
            This invite link is not valid.
          </p>
        )}
      </div>
    </main>
  );
}
