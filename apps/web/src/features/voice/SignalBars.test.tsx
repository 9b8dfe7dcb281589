// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createVoiceStore } from '../../stores/voice-store';
import { renderEach } from '../../test/render-each';
import { ParticipantConnection } from './SignalBars';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('ParticipantConnection', () => {
  it('shows each quality by name and re-renders only the participant whose quality changed', () => {
    const store = createVoiceStore();
    store.setState({ quality: { ada: 'excellent', bo: 'good' } });
    const { host, commits, unmount } = renderEach(store, ['ada', 'bo', 'cy'], (id) => (
      <ParticipantConnection identity={id} />
    ));
    cleanup = unmount;
    const names = () =>
      [...host.querySelectorAll('[role="img"]')].map((e) => e.getAttribute('aria-label'));
    // Cy has no reported quality yet: no indicator rather than a guess.
    expect(names()).toEqual(['Connection: excellent', 'Connection: good']);

    act(() => store.setState({ quality: { ...store.getState().quality, bo: 'poor' } }));
    expect(names()).toEqual(['Connection: excellent', 'Connection: poor']);
    expect(commits).toEqual(['bo']);

    commits.length = 0;
    act(() => store.setState({ speaking: { ada: true } }));
    expect(commits).toEqual([]);
  });
});
