import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './voice-settings';
import { captureOptions } from './capture-options';
import { keyLabel } from './key-label';

describe('parseSettings', () => {
  it('keeps good values', () => {
    const good = {
      ...DEFAULT_SETTINGS,
      inputId: 'mic-2',
      mode: 'push-to-talk',
      pttKey: 'KeyT',
      pttReleaseMs: 500,
      thresholdDb: -35,
      noiseSuppression: 'enhanced',
      relayOnly: true,
    };
    expect(parseSettings(good)).toEqual(good);
    // Relay-only is off unless chosen.
    expect(parseSettings({ relayOnly: 'yes' }).relayOnly).toBe(false);
  });

  it.each([
    [true, 'browser'],
    [false, 'off'],
    ['off', 'off'],
    ['browser', 'browser'],
    ['enhanced', 'enhanced'],
    ['krisp', 'browser'],
    [1, 'browser'],
    [undefined, 'browser'],
  ])('noise suppression stored as %j is read as %j', (stored, expected) => {
    expect(parseSettings({ noiseSuppression: stored }).noiseSuppression).toBe(expected);
  });

  it('bad or missing values fall back to the defaults, one by one', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('x')).toEqual(DEFAULT_SETTINGS);
    const parsed = parseSettings({
      inputId: 42,
      mode: 'shout',
      thresholdDb: 'loud',
      pttReleaseMs: Number.NaN,
      echoCancellation: 'yes',
      outputId: 'speaker-1',
    });
    expect(parsed).toEqual({ ...DEFAULT_SETTINGS, outputId: 'speaker-1' });
  });

  it('clamps numbers into range', () => {
    const parsed = parseSettings({ thresholdDb: 20, pttReleaseMs: 99_999 });
    expect(parsed.thresholdDb).toBe(0);
    expect(parsed.pttReleaseMs).toBe(1000);
    expect(parseSettings({ thresholdDb: -500, pttReleaseMs: -5 })).toMatchObject({
      thresholdDb: -100,
      pttReleaseMs: 0,
    });
  });
});

describe('captureOptions', () => {
  it('asks for the chosen microphone and processing, and no device for "Default"', () => {
    expect(captureOptions({ ...DEFAULT_SETTINGS, inputId: 'm1', autoGainControl: false })).toEqual({
      deviceId: { exact: 'm1' },
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: false,
    });
    expect(captureOptions(DEFAULT_SETTINGS)).not.toHaveProperty('deviceId');
    // Off, and Enhanced (RNNoise gets the raw sound), ask the browser for no suppression.
    for (const mode of ['off', 'enhanced'] as const)
      expect(captureOptions({ ...DEFAULT_SETTINGS, noiseSuppression: mode })).toMatchObject({
        noiseSuppression: false,
      });
    expect(captureOptions({ ...DEFAULT_SETTINGS, inputId: 'm1' }, false)).not.toHaveProperty(
      'deviceId',
    );
  });
});

describe('keyLabel', () => {
  it('names keys as people know them', () => {
    expect(keyLabel('KeyT')).toBe('T');
    expect(keyLabel('Digit4')).toBe('4');
    expect(keyLabel('ControlLeft')).toBe('Control Left');
    expect(keyLabel('')).toBe('No key set');
  });
});
