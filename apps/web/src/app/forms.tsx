import { useState, type InputHTMLAttributes } from 'react';
import { describeMatrixError } from '../core/matrix/describe-error';

/** Busy and error state for a form that does one async thing; errors become sentences. */
export function useAsyncAction(): {
  busy: boolean;
  error: string | undefined;
  setError: (error: string | undefined) => void;
  run: (action: string, work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = async (action: string, work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(describeMatrixError(caught, action));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** A labelled text input in the dialog style. */
export function TextField({
  label,
  ...input
}: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-xs font-bold uppercase text-muted">
      {label}
      <input
        className="mt-1 w-full rounded bg-rail p-2 text-base normal-case text-strong"
        {...input}
      />
    </label>
  );
}

/** The error line of a form, announced to screen readers. */
export function FormError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-danger">
      {error}
    </p>
  );
}

/** The full-width submit button of a dialog form. */
export function SubmitButton({
  busy,
  label,
  busyLabel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
}) {
  return (
    <button
      type="submit"
      disabled={busy}
      className="w-full rounded bg-blurple p-2.5 font-medium text-white disabled:opacity-60"
    >
      {busy ? busyLabel : label}
    </button>
  );
}
