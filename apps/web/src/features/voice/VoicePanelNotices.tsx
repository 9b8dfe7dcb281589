import { useController } from '../../app/ControllerContext';
import { keyLabel } from '../../core/devices/key-label';
import { useVoice } from './useVoice';

const WARNING_TEXT = {
  'muted-talking': "You're muted: unmute to be heard.",
  silent:
    'Your microphone seems silent: check that it is plugged in and not muted on the device, or pick another one in Voice settings.',
} as const;

/** In the voice panel: push-to-talk state, microphone warnings and device changes. */
export function VoicePanelNotices() {
  const controller = useController();
  const ptt = useVoice((s) => s.settings.mode === 'push-to-talk');
  const pttKey = useVoice((s) => s.settings.pttKey);
  const transmitting = useVoice((s) => s.transmitting);
  const warning = useVoice((s) => s.micWarning);
  const notice = useVoice((s) => s.deviceNotice);
  return (
    <>
      {ptt && (
        <p
          role="status"
          aria-label="Push to talk"
          className={`text-xs font-semibold ${transmitting ? 'text-ok' : 'text-muted'}`}
        >
          {transmitting
            ? 'Transmitting'
            : pttKey
              ? `Push to talk: hold ${keyLabel(pttKey)}`
              : 'Push to talk: no key set (Voice settings)'}
        </p>
      )}
      {warning && (
        <p role="alert" className="text-xs text-yellow-500">
          {WARNING_TEXT[warning]}
        </p>
      )}
      {notice && (
        <div role="alert" className="flex items-start gap-1 text-xs text-yellow-500">
          <p className="flex-1">{notice}</p>
          <button
            type="button"
            className="text-muted hover:text-strong"
            onClick={() => controller.voice.dismissDeviceNotice()}
          >
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
