import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { describeMatrixError } from '../../core/matrix/describe-error';

/** "Start a conversation": an encrypted DM with anyone on Matrix. */
export function NewDirectDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const roomId = await controller.startDirect(who);
      setOpen(false);
      setWho('');
      void navigate(`/channels/@me/${encodeURIComponent(roomId)}`);
    } catch (caught) {
      setError(describeMatrixError(caught, 'start the conversation'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="w-full rounded px-2 py-1.5 text-left text-sm text-muted hover:bg-chat hover:text-white"
      >
        + Start a conversation
      </button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Start a conversation"
        description="Direct messages are end-to-end encrypted."
      >
        <form onSubmit={(e) => void submit(e)} className="space-y-4">
          <label className="block text-xs font-bold uppercase text-muted">
            User
            <input
              className="mt-1 w-full rounded bg-rail p-2 text-base normal-case text-white"
              placeholder="@name:example.org"
              value={who}
              onChange={(e) => setWho(e.target.value)}
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
            {busy ? 'Opening…' : 'Message'}
          </button>
        </form>
      </Modal>
    </>
  );
}
