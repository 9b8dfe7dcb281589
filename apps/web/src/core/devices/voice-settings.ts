/** How your microphone decides when to send: while you speak, or while you hold a key. */
export type InputMode = 'voice-activity' | 'push-to-talk';

/**
 * How background noise is removed from your microphone: not at all, by the browser's own
 * processing, or by RNNoise (a small neural network) running on this device.
 */
export type NoiseSuppression = 'off' | 'browser' | 'enhanced';
export const NOISE_SUPPRESSION_MODES: readonly NoiseSuppression[] = ['off', 'browser', 'enhanced'];

/** Your voice & video settings (remembered per user, with the rest of the voice prefs). */
export interface VoiceSettings {
  /** Chosen microphone, camera and speakers ('' = the system default). */
  inputId: string;
  outputId: string;
  cameraId: string;
  /** The browser's own processing of the microphone. */
  echoCancellation: boolean;
  noiseSuppression: NoiseSuppression;
  autoGainControl: boolean;
  mode: InputMode;
  /** Voice activity: send when the microphone is louder than this (dBFS). */
  thresholdDb: number;
  /** Voice activity: follow the background noise instead of `thresholdDb`. */
  autoThreshold: boolean;
  /** Push-to-talk: the key (KeyboardEvent.code), or '' when none is bound yet. */
  pttKey: string;
  /** Push-to-talk: how long sending goes on after the key is let go (ms). */
  pttReleaseMs: number;
  /**
   * Privacy: media only through the voice server's TURN relay (ICE transport policy 'relay'),
   * so other participants' networks never see your IP address. Applies from the next join.
   */
  relayOnly: boolean;
}

export const MIN_THRESHOLD_DB = -100;
export const MAX_THRESHOLD_DB = 0;
export const MAX_RELEASE_MS = 1000;

export const DEFAULT_SETTINGS: VoiceSettings = {
  inputId: '',
  outputId: '',
  cameraId: '',
  echoCancellation: true,
  noiseSuppression: 'browser',
  autoGainControl: true,
  mode: 'voice-activity',
  thresholdDb: -60,
  autoThreshold: false,
  pttKey: '',
  pttReleaseMs: 200,
  relayOnly: false,
};

/** A stored choice; the on/off switch of earlier versions meant the browser's own suppression. */
function noiseSuppressionOf(value: unknown, fallback: NoiseSuppression): NoiseSuppression {
  if (value === true) return 'browser';
  if (value === false) return 'off';
  return NOISE_SUPPRESSION_MODES.find((mode) => mode === value) ?? fallback;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Reads stored settings field by field: anything missing or malformed takes its default. */
export function parseSettings(data: unknown): VoiceSettings {
  if (typeof data !== 'object' || data === null) return DEFAULT_SETTINGS;
  const r = data as Record<string, unknown>;
  const text = (value: unknown, fallback: string) =>
    typeof value === 'string' && value.length <= 512 ? value : fallback;
  const flag = (value: unknown, fallback: boolean) =>
    typeof value === 'boolean' ? value : fallback;
  const number = (value: unknown, fallback: number, min: number, max: number) =>
    typeof value === 'number' && Number.isFinite(value) ? clamp(value, min, max) : fallback;
  const d = DEFAULT_SETTINGS;
  return {
    inputId: text(r.inputId, d.inputId),
    outputId: text(r.outputId, d.outputId),
    cameraId: text(r.cameraId, d.cameraId),
    echoCancellation: flag(r.echoCancellation, d.echoCancellation),
    noiseSuppression: noiseSuppressionOf(r.noiseSuppression, d.noiseSuppression),
    autoGainControl: flag(r.autoGainControl, d.autoGainControl),
    mode: r.mode === 'push-to-talk' || r.mode === 'voice-activity' ? r.mode : d.mode,
    thresholdDb: number(r.thresholdDb, d.thresholdDb, MIN_THRESHOLD_DB, MAX_THRESHOLD_DB),
    autoThreshold: flag(r.autoThreshold, d.autoThreshold),
    pttKey: text(r.pttKey, d.pttKey).slice(0, 64),
    pttReleaseMs: number(r.pttReleaseMs, d.pttReleaseMs, 0, MAX_RELEASE_MS),
    relayOnly: flag(r.relayOnly, d.relayOnly),
  };
}
