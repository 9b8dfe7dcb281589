import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { parseInvite } from '../../core/matrix/servers';
import { describeMatrixError } from '../../core/matrix/describe-error';

export function JoinServerDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [invite, setInvite] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = parseInvite(invite);
    if (!target) {
      setError(
        'That is not an invite link, a room alias (#name:server) or a room ID (!id:server).',
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const serverId = await controller.joinServer(target);
      setOpen(false);
      setInvite('');
      void navigate(`/channels/${encodeURIComponent(serverId)}`);
    } catch (caught) {
      setError(describeMatrixError(caught, 'join that server'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        aria-label="Join a server"
        title="Join a server"
        onClick={() => setOpen(true)}
        className="flex h-12 w-12 items-center justify-center rounded-3xl bg-chat text-xl text-ok hover:rounded-2xl hover:bg-ok hover:text-white"
      >
        ⤓
      </button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Join a server"
        description="Paste an invite link, a room alias or a room ID."
      >
        <form onSubmit={(e) => void submit(e)} className="space-y-4">
          <label className="block text-xs font-bold uppercase text-muted">
            Invite link
            <input
              className="mt-1 w-full rounded bg-rail p-2 text-base normal-case text-white"
              value={invite}
              onChange={(e) => setInvite(e.target.value)}
              required
              autoFocus
            />
          </label>
          {error && (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60"
          >
            {busy ? 'Joining…' : 'Join server'}
          </button>
        </form>
      </Modal>
    </>
  );
}
