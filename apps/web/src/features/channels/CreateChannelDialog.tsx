import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { Modal } from '../../app/Modal';
import { IconButton } from '../../app/IconButton';
import { FormError, SubmitButton, TextField, useAsyncAction } from '../../app/forms';
import { useRooms } from '../servers/useServers';

/** Adds a text or voice channel to a server (moderators and above). */
export function CreateChannelDialog({ serverId }: { serverId: string }) {
  const controller = useController();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'text' | 'voice'>('text');
  const [encrypted, setEncrypted] = useState(false);
  const categories = useRooms((s) => s.servers.find((x) => x.id === serverId)?.categories);
  const [categoryId, setCategoryId] = useState('');
  const { busy, error, run } = useAsyncAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = kind === 'text' ? name.trim().toLowerCase().replace(/\s+/g, '-') : name.trim();
    if (clean === '') return;
    void run('create the channel', async () => {
      const roomId = await controller.servers.createChannel(
        serverId,
        { name: clean, kind, encrypted },
        categoryId || undefined,
      );
      setOpen(false);
      setName('');
      setEncrypted(false);
      void navigate(`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(roomId)}`);
    });
  };

  return (
    <>
      <IconButton label="Create channel" onClick={() => setOpen(true)}>
        ＋
      </IconButton>
      <Modal open={open} onOpenChange={setOpen} title="Create channel">
        <form onSubmit={submit} className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-xs font-bold uppercase text-muted">Channel type</legend>
            {(['text', 'voice'] as const).map((k) => (
              <label key={k} className="flex items-center gap-2 rounded bg-rail p-2">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                {k === 'text'
                  ? '# Text — messages, images, links'
                  : '🔊 Voice — talk, video, screen share'}
              </label>
            ))}
          </fieldset>
          <TextField
            label="Channel name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            required
            autoFocus
          />
          {categories && categories.length > 0 && (
            <label className="block text-xs font-bold uppercase text-muted">
              Category
              <select
                className="mt-1 block w-full rounded bg-rail p-2 text-sm normal-case text-strong"
                value={categoryId}
                onChange={(e) => setCategoryId(e.target.value)}
              >
                <option value="">No category</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              checked={encrypted}
              onChange={(e) => setEncrypted(e.target.checked)}
              className="mt-1"
            />
            <span>
              End-to-end encrypted
              <span className="block text-xs text-muted">
                Messages and call media can only be read by members&apos; devices. This cannot be
                turned off later.
              </span>
            </span>
          </label>
          <FormError error={error} />
          <SubmitButton busy={busy} label="Create channel" busyLabel="Creating…" />
        </form>
      </Modal>
    </>
  );
}
