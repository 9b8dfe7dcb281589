import { useState, type FormEvent } from 'react';
import { useController } from '../../app/ControllerContext';
import type { RestoreProgress } from '../../core/matrix/recovery';
import { SecurityErrorLine } from './SecurityErrorLine';
import { useSecurityAction } from './useSecurityAction';

/**
 * "Use recovery key" on a new device: the key verifies this device (cross-signing from secret
 * storage) and restores message keys from the backup.
 */
export function RecoveryKeyForm({ onDone }: { onDone: () => void }) {
  const controller = useController();
  const [input, setInput] = useState('');
  const [progress, setProgress] = useState<RestoreProgress | undefined>();
  const [done, setDone] = useState(false);
  const { busy, error, run } = useSecurityAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await controller.encryption.recover(input, setProgress);
      setInput('');
      setDone(true);
    });
  };

  if (done) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-ok">
          This device is verified, and your message keys are restored from the backup
          {progress ? ` (${progress.done} of ${progress.total})` : ''}.
        </p>
        <button
          type="button"
          className="w-full rounded bg-blurple p-2.5 font-medium text-white"
          onClick={onDone}
        >
          Done
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block text-xs font-bold uppercase text-muted">
        Recovery key
        <textarea
          rows={2}
          value={input}
          required
          autoFocus
          spellCheck={false}
          autoComplete="off"
          placeholder="EsT… …"
          onChange={(e) => setInput(e.target.value)}
          className="mt-1 w-full resize-none rounded bg-rail p-2 font-mono text-sm normal-case text-strong"
        />
      </label>
      <SecurityErrorLine error={error} />
      {busy && (
        <p role="status" className="text-sm text-muted">
          {progress
            ? `Restoring message keys… ${progress.done} of ${progress.total}`
            : 'Checking the recovery key…'}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60"
      >
        Verify with recovery key
      </button>
    </form>
  );
}
