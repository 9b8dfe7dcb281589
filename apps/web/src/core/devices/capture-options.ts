import type { VoiceSettings } from './voice-settings';

/**
 * The microphone constraints these settings ask the browser for. A chosen microphone is asked
 * for exactly: Chromium ignores a preferred ("ideal") device and opens the default one.
 */
export const captureOptions = (s: VoiceSettings, withDevice = true) => ({
  ...(withDevice && s.inputId ? { deviceId: { exact: s.inputId } } : {}),
  echoCancellation: s.echoCancellation,
  // RNNoise works on the raw sound: the browser's suppression only when it is the one chosen.
  noiseSuppression: s.noiseSuppression === 'browser',
  autoGainControl: s.autoGainControl,
});
