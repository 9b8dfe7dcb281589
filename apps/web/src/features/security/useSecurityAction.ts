import { useCallback, useState } from 'react';
import { toSecurityError, type SecurityError } from '../../core/matrix/security-errors';

/** Busy and error state for one security step; errors keep their stable code. */
export function useSecurityAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SecurityError | undefined>();
  const run = useCallback(async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(toSecurityError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
