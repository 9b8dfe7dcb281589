import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { FormError, SubmitButton, TextField, useAsyncAction } from '../../app/forms';
import { parseInvite } from '../../core/matrix/servers';

export function JoinServerDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [invite, setInvite] = useState('');
  const { busy, error, setError, run } = useAsyncAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = parseInvite(invite);
    if (!target) {
      setError(
        'That is not an invite link, a room alias (#name:server) or a room ID (!id:server).',
      );
      return;
    }
    void run('join that server', async () => {
      const serverId = await controller.servers.joinServer(target);
      setOpen(false);
      setInvite('');
      void navigate(`/channels/${encodeURIComponent(serverId)}`);
    });
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
        <form onSubmit={submit} className="space-y-4">
          <TextField
            label="Invite link"
            value={invite}
            onChange={(e) => setInvite(e.target.value)}
            required
            autoFocus
          />
          <FormError error={error} />
          <SubmitButton busy={busy} label="Join server" busyLabel="Joining…" />
        </form>
      </Modal>
    </>
  );
}
