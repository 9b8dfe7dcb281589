// @vitest-environment jsdom
import { act, Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ControllerContext } from '../../app/ControllerContext';
import type { AppController } from '../../core/app-controller';
import { createVoiceStore } from '../../stores/voice-store';
import { ParticipantConnection } from './SignalBars';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PEOPLE = ['ada', 'bo', 'cy'];
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('ParticipantConnection', () => {
  it('shows each quality by name and re-renders only the participant whose quality changed', () => {
    const store = createVoiceStore();
    store.setState({ quality: { ada: 'excellent', bo: 'good' } });
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
              <ParticipantConnection identity={id} />
            </Profiler>
          ))}
        </ControllerContext.Provider>,
      ),
    );
    const names = () =>
      [...host.querySelectorAll('[role="img"]')].map((e) => e.getAttribute('aria-label'));
    // Cy has no reported quality yet: no indicator rather than a guess.
    expect(names()).toEqual(['Connection: excellent', 'Connection: good']);

    commits.length = 0;
    act(() => store.setState({ quality: { ...store.getState().quality, bo: 'poor' } }));
    expect(names()).toEqual(['Connection: excellent', 'Connection: poor']);
    expect(commits).toEqual(['bo']);

    commits.length = 0;
    act(() => store.setState({ speaking: { ada: true } }));
    expect(commits).toEqual([]);
  });
});
