// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createVoiceStore } from '../../stores/voice-store';
import { renderEach } from '../../test/render-each';
import { SpeakingIndicator } from './SpeakingIndicator';

const PEOPLE = ['ada', 'bo', 'cy'];
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('SpeakingIndicator', () => {
  it('re-renders only the ring of the person whose speaking state changed', () => {
    const store = createVoiceStore();
    const { host, commits, unmount } = renderEach(store, PEOPLE, (id) => (
      <SpeakingIndicator identity={id} active>
        {id}
      </SpeakingIndicator>
    ));
    cleanup = unmount;
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
