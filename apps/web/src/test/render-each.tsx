import { act, Profiler, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ControllerContext } from '../app/ControllerContext';
import type { AppController } from '../core/app-controller';
import type { VoiceStoreApi } from '../stores/voice-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * For tests of per-participant components: renders one element per identity against a voice
 * store, and records which identities' elements re-rendered (by React's Profiler).
 */
export function renderEach(
  store: VoiceStoreApi,
  identities: string[],
  render: (identity: string) => ReactNode,
) {
  const controller = { voice: { store } } as unknown as AppController;
  const commits: string[] = [];
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() =>
    root.render(
      <ControllerContext.Provider value={controller}>
        {identities.map((id) => (
          <Profiler key={id} id={id} onRender={(who) => commits.push(who)}>
            {render(id)}
          </Profiler>
        ))}
      </ControllerContext.Provider>,
    ),
  );
  commits.length = 0;
  return { host, commits, unmount: () => act(() => root.unmount()) };
}
