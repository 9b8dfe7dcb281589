import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { describeMatrixError } from '../../core/matrix/describe-error';

export function CreateServerDialog() {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { serverId, generalId } = await controller.createServer(name);
      setOpen(false);
      setName('');
      void navigate(`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(generalId)}`);
    } catch (caught) {
      setError(describeMatrixError(caught, 'create the server'));
    } finally {
      setBusy(false);
    }
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
        <form onSubmit={(e) => void submit(e)} className="space-y-4">
          <label className="block text-xs font-bold uppercase text-muted">
            Server name
            <input
              className="mt-1 w-full rounded bg-rail p-2 text-base normal-case text-white"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
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
            {busy ? 'Creating…' : 'Create'}
          </button>
        </form>
      </Modal>
    </>
  );
}
