import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { useAsyncAction } from '../../app/forms';
import { IconButton } from '../../app/IconButton';

/** Leaves the server and every channel of it, after asking. */
export function LeaveServerButton({
  serverId,
  serverName,
}: {
  serverId: string;
  serverName: string;
}) {
  const controller = useController();
  const navigate = useNavigate();
  const { busy, error, run } = useAsyncAction();
  return (
    <>
      <IconButton
        label="Leave server"
        danger
        disabled={busy}
        onClick={() => {
          if (!window.confirm(`Leave ${serverName}? You can only come back with an invite.`))
            return;
          void run('leave the server', async () => {
            await controller.servers.leaveServer(serverId);
            void navigate('/channels/@me');
          });
        }}
      >
        ⎋
      </IconButton>
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
    </>
  );
}
