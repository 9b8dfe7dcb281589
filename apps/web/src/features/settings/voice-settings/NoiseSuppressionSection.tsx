import { useController } from '../../../app/ControllerContext';
import {
  NOISE_SUPPRESSION_MODES,
  type NoiseSuppression,
} from '../../../core/devices/voice-settings';
import { useVoice } from '../../voice/useVoice';

const LABEL: Record<NoiseSuppression, string> = {
  off: 'Off',
  browser: "Browser's own",
  enhanced: 'Enhanced (RNNoise, on this device)',
};

/** Noise suppression: none, the browser's, or RNNoise running locally. */
export function NoiseSuppressionSection() {
  const controller = useController();
  const chosen = useVoice((s) => s.settings.noiseSuppression);
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-bold uppercase text-muted">Noise suppression</legend>
      {NOISE_SUPPRESSION_MODES.map((mode) => (
        <label key={mode} className="flex items-center gap-2">
          <input
            type="radio"
            name="noise-suppression"
            checked={chosen === mode}
            onChange={() => void controller.voice.updateSettings({ noiseSuppression: mode })}
          />
          {LABEL[mode]}
        </label>
      ))}
      {chosen === 'enhanced' && (
        <p className="text-xs text-muted">
          Removes background noise with a small neural network that runs in this browser; nothing
          leaves your device.
        </p>
      )}
    </fieldset>
  );
}
