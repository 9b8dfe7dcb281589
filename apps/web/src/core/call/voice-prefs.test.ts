import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFS,
  clampVolume,
  clearPrefs,
  loadPrefs,
  parsePrefs,
  savePrefs,
  type VoicePrefs,
} from './voice-prefs';
import { DEFAULT_SETTINGS } from '../devices/voice-settings';

const settings = DEFAULT_SETTINGS;

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

describe('parsePrefs', () => {
  it.each([null, '', '{not json', 'null', '42', '"text"', 'true'])(
    'gives the defaults for %j',
    (raw) => {
      expect(parsePrefs(raw)).toEqual(DEFAULT_PREFS);
    },
  );

  it('reads well-formed prefs', () => {
    const prefs: VoicePrefs = {
      volumes: { '@a:example.org': 1.5, '@b:example.org': 0 },
      localMutes: { '@c:example.org': true },
      soundVolume: 0.25,
      settings,
    };
    expect(parsePrefs(JSON.stringify(prefs))).toEqual(prefs);
  });

  it('drops entries of the wrong type', () => {
    const raw = JSON.stringify({
      volumes: { '@a:example.org': '1', '@b:example.org': null, '@c:example.org': 0.7 },
      localMutes: { '@a:example.org': 'true', '@b:example.org': 1, '@c:example.org': false },
      soundVolume: '0.9',
    });
    expect(parsePrefs(raw)).toEqual({
      volumes: { '@c:example.org': 0.7 },
      localMutes: {},
      soundVolume: 0.5,
      settings,
    });
  });

  it('ignores volumes and mutes that are not objects', () => {
    expect(parsePrefs(JSON.stringify({ volumes: 3, localMutes: 'x', soundVolume: 1 }))).toEqual({
      volumes: {},
      localMutes: {},
      soundVolume: 1,
      settings,
    });
    expect(parsePrefs(JSON.stringify({ volumes: null, localMutes: null }))).toEqual(DEFAULT_PREFS);
  });

  it('clamps volumes to 0..2 and the sound volume to 0..1', () => {
    const raw = JSON.stringify({
      volumes: { '@loud:example.org': 5, '@neg:example.org': -1, '@max:example.org': 2 },
      soundVolume: 1.5,
      settings,
    });
    expect(parsePrefs(raw)).toEqual({
      volumes: { '@loud:example.org': 2, '@neg:example.org': 0, '@max:example.org': 2 },
      localMutes: {},
      soundVolume: 1,
      settings,
    });
    expect(parsePrefs(JSON.stringify({ soundVolume: -0.5 })).soundVolume).toBe(0);
  });

  it('turns out-of-range numbers JSON can carry into the clamp bounds', () => {
    // 1e999 parses to Infinity, which is not finite: the volume falls back to 100%.
    expect(parsePrefs('{"volumes":{"@a:example.org":1e999},"soundVolume":1e999}')).toEqual({
      volumes: { '@a:example.org': 1 },
      localMutes: {},
      soundVolume: 1,
      settings,
    });
  });

  it('reads voice & video settings, each bad one falling back to its default', () => {
    const raw = JSON.stringify({
      settings: { mode: 'push-to-talk', pttKey: 'KeyT', thresholdDb: 'x', inputId: 7 },
    });
    expect(parsePrefs(raw).settings).toEqual({
      ...DEFAULT_SETTINGS,
      mode: 'push-to-talk',
      pttKey: 'KeyT',
    });
    expect(parsePrefs(JSON.stringify({ settings: [1, 2] })).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('clampVolume', () => {
  it.each([
    [0.5, undefined, 0.5],
    [3, undefined, 2],
    [-2, undefined, 0],
    [3, 1, 1],
    [Number.NaN, undefined, 1],
    [Number.POSITIVE_INFINITY, undefined, 1],
    [Number.NEGATIVE_INFINITY, undefined, 1],
  ])('clamps %s (max %s) to %s', (value, max, expected) => {
    expect(clampVolume(value, max)).toBe(expected);
  });
});

describe('loadPrefs / savePrefs / clearPrefs', () => {
  const prefs: VoicePrefs = {
    volumes: { '@b:example.org': 0.4 },
    localMutes: { '@c:example.org': true },
    soundVolume: 0.8,
    settings,
  };

  it('round-trips prefs per user under a haos.voice key', () => {
    const storage = memoryStorage();
    savePrefs('@me:example.org', prefs, storage);
    expect([...storage.data.keys()]).toEqual(['haos.voice.@me:example.org']);
    expect(loadPrefs('@me:example.org', storage)).toEqual(prefs);
    expect(loadPrefs('@other:example.org', storage)).toEqual(DEFAULT_PREFS);
  });

  it('loads defaults when the stored value is malformed', () => {
    const storage = memoryStorage();
    storage.setItem('haos.voice.@me:example.org', '{"volumes":');
    expect(loadPrefs('@me:example.org', storage)).toEqual(DEFAULT_PREFS);
  });

  it('clears only that user', () => {
    const storage = memoryStorage();
    savePrefs('@me:example.org', prefs, storage);
    savePrefs('@other:example.org', prefs, storage);
    clearPrefs('@me:example.org', storage);
    expect(loadPrefs('@me:example.org', storage)).toEqual(DEFAULT_PREFS);
    expect(loadPrefs('@other:example.org', storage)).toEqual(prefs);
  });
});
