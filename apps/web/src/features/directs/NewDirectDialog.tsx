import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { FormError, SubmitButton, TextField, useAsyncAction } from '../../app/forms';

/** "Start a conversation": an encrypted DM with anyone on Matrix. */
export function NewDirectDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState('');
  const { busy, error, run } = useAsyncAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('start the conversation', async () => {
      const roomId = await controller.directs.startDirect(who);
      setOpen(false);
      setWho('');
      void navigate(`/channels/@me/${encodeURIComponent(roomId)}`);
    });
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="w-full rounded px-2 py-1.5 text-left text-sm text-muted hover:bg-chat hover:text-strong"
      >
        + Start a conversation
      </button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Start a conversation"
        description="Direct messages are end-to-end encrypted."
      >
        <form onSubmit={submit} className="space-y-4">
          <TextField
            label="User"
            placeholder="@name:example.org"
            value={who}
            onChange={(e) => setWho(e.target.value)}
            required
            autoFocus
          />
          <FormError error={error} />
          <SubmitButton busy={busy} label="Message" busyLabel="Opening…" />
        </form>
      </Modal>
    </>
  );
}
