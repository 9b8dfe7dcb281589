import type { VoiceSettings } from './voice-settings';

/**
 * The microphone constraints these settings ask the browser for. A chosen microphone is asked
 * for exactly: Chromium ignores a preferred ("ideal") device and opens the default one.
 */
export const captureOptions = (s: VoiceSettings, withDevice = true) => ({
  ...(withDevice && s.inputId ? { deviceId: { exact: s.inputId } } : {}),
  echoCancellation: s.echoCancellation,
  noiseSuppression: s.noiseSuppression,
  autoGainControl: s.autoGainControl,
});
