import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { FormError, SubmitButton, TextField, useAsyncAction } from '../../app/forms';

export function CreateServerDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const { busy, error, run } = useAsyncAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('create the server', async () => {
      const { serverId, generalId } = await controller.servers.createServer(name);
      setOpen(false);
      setName('');
      void navigate(`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(generalId)}`);
    });
  };

  return (
    <>
      <button
        type="button"
        aria-label="Create a server"
        title="Create a server"
        onClick={() => setOpen(true)}
        className="flex h-12 w-12 items-center justify-center rounded-3xl bg-chat text-2xl text-ok hover:rounded-2xl hover:bg-ok hover:text-white"
      >
        +
      </button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Create a server"
        description="A server is a Matrix space with a #general text channel and a General voice channel."
      >
        <form onSubmit={submit} className="space-y-4">
          <TextField
            label="Server name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            autoFocus
          />
          <FormError error={error} />
          <SubmitButton busy={busy} label="Create" busyLabel="Creating…" />
        </form>
      </Modal>
    </>
  );
}
