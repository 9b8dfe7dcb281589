import { useEffect, useState } from 'react';
import { useController } from '../../app/ControllerContext';
import type { PasswordPolicy } from '../../core/matrix/password-policy';

export type PolicyState =
  | { status: 'loading' }
  | { status: 'known'; policy: PasswordPolicy }
  /** The homeserver announces no rules (or could not be asked). */
  | { status: 'none' };

/** The password policy of the homeserver typed in, asked once typing pauses (sign-up only). */
export function usePasswordPolicy(homeserver: string, enabled: boolean): PolicyState {
  const controller = useController();
  const [state, setState] = useState<{ key: string; policy: PolicyState }>();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void controller.passwordPolicy(homeserver, abort.signal).then((policy) => {
        if (!abort.signal.aborted)
          setState({
            key: homeserver,
            policy: policy ? { status: 'known', policy } : { status: 'none' },
          });
      });
    }, 300);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [controller, homeserver, enabled]);
  return state?.key === homeserver ? state.policy : { status: 'loading' };
}
