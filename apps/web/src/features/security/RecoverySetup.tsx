import { useState, type FormEvent } from 'react';
import { useController } from '../../app/ControllerContext';
import { TextField } from '../../app/forms';
import { SecurityErrorLine } from './SecurityErrorLine';
import { useSecurityAction } from './useSecurityAction';

type Step =
  { step: 'key'; copied: 'no' | 'yes' | 'failed' } | { step: 'password' } | { step: 'done' };

const button = 'w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60';
const secondary = 'rounded bg-input px-3 py-2 text-sm text-strong hover:opacity-90';

/**
 * Shows a new recovery key (made by the caller with `newRecoveryKey`) once, and after the person
 * says they saved it, sets up cross-signing, secret storage and key backup with it. Asks for
 * the account password only when the homeserver wants it.
 */
export function RecoverySetup({
  recoveryKey,
  resetIdentity,
  onDone,
}: {
  recoveryKey: string;
  /** Replace the account's cross-signing identity too (a device that cannot be verified). */
  resetIdentity: boolean;
  onDone: () => void;
}) {
  const controller = useController();
  const [state, setState] = useState<Step>({ step: 'key', copied: 'no' });
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSecurityAction();

  const finish = (withPassword?: string) =>
    void run(async () => {
      try {
        await controller.encryption.setUpRecovery({ password: withPassword, resetIdentity });
        setPassword('');
        setState({ step: 'done' });
      } catch (caught) {
        if ((caught as { code?: string }).code === 'PASSWORD_NEEDED') {
          setState({ step: 'password' });
          return;
        }
        throw caught;
      }
    });

  if (state.step === 'key') {
    return (
      <div className="space-y-3">
        <p className="text-sm">
          This is your recovery key. It is shown only once: copy it or write it down, and keep it
          safe. Anyone with it can read your encrypted messages.
        </p>
        <label className="block text-xs font-bold uppercase text-muted">
          Recovery key
          <textarea
            readOnly
            rows={2}
            value={recoveryKey}
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-1 w-full resize-none rounded bg-rail p-2 font-mono text-sm normal-case text-strong"
          />
        </label>
        <div className="flex items-center gap-2">
          <button
            type="button"
            className={secondary}
            onClick={() => {
              const copied =
                navigator.clipboard?.writeText(recoveryKey) ??
                Promise.reject(new Error('No clipboard'));
              void copied.then(
                () => setState({ ...state, copied: 'yes' }),
                () => setState({ ...state, copied: 'failed' }),
              );
            }}
          >
            Copy
          </button>
          <span role="status" className="text-sm text-muted">
            {state.copied === 'yes'
              ? 'Copied'
              : state.copied === 'failed'
                ? 'Copying is not allowed here: select the key and copy it yourself.'
                : ''}
          </span>
        </div>
        <SecurityErrorLine error={error} />
        <button
          type="button"
          className={button}
          disabled={busy}
          // A reset asks for the password first: it deletes the old backup before the
          // homeserver would ask.
          onClick={() => (resetIdentity ? setState({ step: 'password' }) : finish())}
        >
          {busy ? 'Setting up recovery…' : 'I have saved it'}
        </button>
      </div>
    );
  }

  if (state.step === 'password') {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      finish(password);
    };
    return (
      <form onSubmit={submit} className="space-y-3">
        <p className="text-sm">
          {resetIdentity
            ? 'Enter your account password to reset your encryption.'
            : 'Your homeserver asks for your account password to confirm.'}
        </p>
        <TextField
          label="Account password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoFocus
        />
        <SecurityErrorLine error={error?.code === 'PASSWORD_NEEDED' ? undefined : error} />
        <button type="submit" className={button} disabled={busy}>
          {busy ? 'Setting up recovery…' : 'Continue'}
        </button>
      </form>
    );
  }

  return (
    <div className="space-y-3">
      <p role="status" className="text-sm text-ok">
        Recovery is set up: key backup is on, and your recovery key unlocks it on a new device.
      </p>
      <button type="button" className={button} onClick={onDone}>
        Done
      </button>
    </div>
  );
}
