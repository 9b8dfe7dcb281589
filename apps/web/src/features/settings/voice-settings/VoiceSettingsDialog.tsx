import { Modal } from '../../../app/Modal';
import { useController } from '../../../app/ControllerContext';
import { useVoice } from '../../voice/useVoice';
import { useDeviceWatcher } from './useDeviceWatcher';
import { DeviceSelect } from './DeviceSelect';
import { InputModeSection } from './InputModeSection';
import { NoiseSuppressionSection } from './NoiseSuppressionSection';

const PROCESSING = [
  ['echoCancellation', 'Echo cancellation'],
  ['autoGainControl', 'Automatic gain control'],
] as const;

/** Voice & Video settings: devices, the browser's processing, and the input mode. */
export default function VoiceSettingsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const controller = useController();
  // Fresh lists on opening (labels appear once the site may use the microphone).
  useDeviceWatcher();
  const settings = useVoice((s) => s.settings);
  const inUse = useVoice((s) => s.inputInUse);
  const notice = useVoice((s) => s.deviceNotice);
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Voice & Video settings"
      description="Applied at once, also during a call, and remembered on this browser."
    >
      <div className="max-h-[70vh] space-y-4 overflow-y-auto pr-1 text-sm">
        {notice && (
          <p role="alert" className="text-xs text-yellow-500">
            {notice}
          </p>
        )}
        <DeviceSelect kind="audioinput" label="Input device" />
        {inUse && <p className="text-xs text-muted">In use: {inUse}</p>}
        <DeviceSelect kind="audiooutput" label="Output device" />
        <DeviceSelect kind="videoinput" label="Camera" />
        <fieldset className="space-y-1">
          <legend className="text-xs font-bold uppercase text-muted">Voice processing</legend>
          {PROCESSING.map(([key, label]) => (
            <label key={key} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={settings[key]}
                onChange={(e) => void controller.voice.updateSettings({ [key]: e.target.checked })}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <NoiseSuppressionSection />
        <InputModeSection />
        <fieldset className="space-y-1">
          <legend className="mb-1 text-xs font-bold uppercase text-muted">Privacy</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={settings.relayOnly}
              onChange={(e) =>
                void controller.voice.updateSettings({ relayOnly: e.target.checked })
              }
            />
            Always relay calls through the server
          </label>
          <p className="text-xs text-muted">
            Call media goes only through the voice server&apos;s TURN relay (for strict firewalls
            and networks that block direct connections). Applies from your next call.
          </p>
        </fieldset>
      </div>
    </Modal>
  );
}
