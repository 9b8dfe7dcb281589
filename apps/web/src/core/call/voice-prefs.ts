import { DEFAULT_SETTINGS, parseSettings, type VoiceSettings } from '../devices/voice-settings';

/**
 * What HAOS remembers about voice per signed-in user: per-person volumes, local mutes, cue
 * volume, and the voice & video settings (devices, processing, input mode).
 */
export interface VoicePrefs {
  volumes: Record<string, number>;
  localMutes: Record<string, boolean>;
  soundVolume: number;
  settings: VoiceSettings;
}

export const DEFAULT_PREFS: VoicePrefs = {
  volumes: {},
  localMutes: {},
  soundVolume: 0.5,
  settings: DEFAULT_SETTINGS,
};
export const MAX_VOLUME = 2;

const key = (userId: string) => `haos.voice.${userId}`;

export const clampVolume = (value: number, max = MAX_VOLUME) =>
  Number.isFinite(value) ? Math.min(max, Math.max(0, value)) : 1;

/** Reads stored prefs, dropping anything malformed rather than failing. */
export function parsePrefs(raw: string | null): VoicePrefs {
  if (!raw) return DEFAULT_PREFS;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFS;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_PREFS;
  const record = data as Record<string, unknown>;
  const soundVolume =
    typeof record.soundVolume === 'number' ? clampVolume(record.soundVolume, 1) : 0.5;
  return { ...parsePeople(record), soundVolume, settings: parseSettings(record.settings) };
}

/** What you set for other people: volumes and local mutes. They follow you to other devices. */
export type PeoplePrefs = Pick<VoicePrefs, 'volumes' | 'localMutes'>;

/** Reads per-person volumes and local mutes, dropping entries of the wrong shape. */
export function parsePeople(record: Record<string, unknown>): PeoplePrefs {
  const volumes: Record<string, number> = {};
  const localMutes: Record<string, boolean> = {};
  if (typeof record.volumes === 'object' && record.volumes !== null) {
    for (const [user, v] of Object.entries(record.volumes))
      if (typeof v === 'number') volumes[user] = clampVolume(v);
  }
  if (typeof record.localMutes === 'object' && record.localMutes !== null) {
    for (const [user, m] of Object.entries(record.localMutes))
      if (m === true) localMutes[user] = true;
  }
  return { volumes, localMutes };
}

export function loadPrefs(userId: string, storage: Storage = localStorage): VoicePrefs {
  return parsePrefs(storage.getItem(key(userId)));
}

export function savePrefs(
  userId: string,
  prefs: VoicePrefs,
  storage: Storage = localStorage,
): void {
  storage.setItem(key(userId), JSON.stringify(prefs));
}

export function clearPrefs(userId: string, storage: Storage = localStorage): void {
  storage.removeItem(key(userId));
}
