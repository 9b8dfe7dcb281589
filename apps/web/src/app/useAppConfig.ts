import { useEffect, useState } from 'react';
import { loadAppConfig, type ConfigState } from '../core/config/app-config';

export function useAppConfig(): ConfigState {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    loadAppConfig().then(
      (config) => !cancelled && setState({ status: 'ready', config }),
      (error: unknown) =>
        !cancelled &&
        setState({
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return state;
}
