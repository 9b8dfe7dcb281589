import type { SecurityError } from '../../core/matrix/security-errors';

/** The error of a security step, announced, with its stable code for programs and support. */
export function SecurityErrorLine({ error }: { error: SecurityError | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" data-code={error.code} className="text-sm text-danger">
      {error.message} <span className="text-xs opacity-70">({error.code})</span>
    </p>
  );
}
