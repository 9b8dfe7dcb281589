import { describe, expect, it } from 'vitest';
import { createVoiceStore } from '../../stores/voice-store';
import { devicesChanged } from './device-fallback';
import type { VoiceSettings } from './voice-settings';

const lists = (mics: string[]) => ({
  audioinput: mics.map((id) => ({ deviceId: id, label: `Mic ${id}` })),
  audiooutput: [{ deviceId: 's1', label: 'Speakers' }],
  videoinput: [],
});

describe('devicesChanged', () => {
  it('keeps a chosen device that is still there', async () => {
    const store = createVoiceStore();
    const updates: Partial<VoiceSettings>[] = [];
    store.setState({ settings: { ...store.getState().settings, inputId: 'm1' } });
    await devicesChanged(store, lists(['m1', 'm2']), (p) => {
      updates.push(p);
      return Promise.resolve();
    });
    expect(updates).toEqual([]);
    expect(store.getState().devices.audioinput).toHaveLength(2);
    expect(store.getState().deviceNotice).toBeUndefined();
  });

  it('falls back to the default when the chosen microphone is unplugged, and says which', async () => {
    const store = createVoiceStore();
    store.setState({ settings: { ...store.getState().settings, inputId: 'm2' } });
    await devicesChanged(store, lists(['m1', 'm2']), () => Promise.resolve());
    const updates: Partial<VoiceSettings>[] = [];
    await devicesChanged(store, lists(['m1']), (p) => {
      updates.push(p);
      return Promise.resolve();
    });
    expect(updates).toEqual([{ inputId: '' }]);
    expect(store.getState().deviceNotice).toBe(
      'Your microphone (Mic m2) was removed: using the default instead.',
    );
  });
});
