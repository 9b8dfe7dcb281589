// @vitest-environment jsdom
import { act, Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ControllerContext } from '../../app/ControllerContext';
import type { AppController } from '../../core/app-controller';
import { createVoiceStore } from '../../stores/voice-store';
import { SpeakingIndicator } from './SpeakingIndicator';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PEOPLE = ['ada', 'bo', 'cy'];
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('SpeakingIndicator', () => {
  it('re-renders only the ring of the person whose speaking state changed', () => {
    const store = createVoiceStore();
    const controller = { voice: { store } } as unknown as AppController;
    const commits: string[] = [];
    const host = document.createElement('div');
    const root = createRoot(host);
    cleanup = () => act(() => root.unmount());
    act(() =>
      root.render(
        <ControllerContext.Provider value={controller}>
          {PEOPLE.map((id) => (
            <Profiler key={id} id={id} onRender={(who) => commits.push(who)}>
              <SpeakingIndicator identity={id} active>
                {id}
              </SpeakingIndicator>
            </Profiler>
          ))}
        </ControllerContext.Provider>,
      ),
    );
    commits.length = 0;
    const ring = (id: string) => host.querySelectorAll('[data-speaking]')[PEOPLE.indexOf(id)];

    act(() => store.setState({ speaking: { bo: true } }));
    expect(ring('bo')?.getAttribute('data-speaking')).toBe('true');
    expect(ring('ada')?.getAttribute('data-speaking')).toBe('false');
    expect(commits).toEqual(['bo']);

    // Other voice state (a volume) re-renders no ring at all.
    commits.length = 0;
    act(() => store.setState({ volumes: { '@x:hs': 0.5 } }));
    expect(commits).toEqual([]);
  });
});
