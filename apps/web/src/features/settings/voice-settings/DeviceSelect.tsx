import { useController } from '../../../app/ControllerContext';
import { settingOf, type DeviceKind } from '../../../core/devices/media-devices';
import { useVoice } from '../../voice/useVoice';

/** One device list ("Default" plus what the browser offers), applied at once. */
export function DeviceSelect({ kind, label }: { kind: DeviceKind; label: string }) {
  const controller = useController();
  const devices = useVoice((s) => s.devices[kind]);
  const chosen = useVoice((s) => s.settings[settingOf(kind)]);
  // A remembered device the browser does not list (yet): shown, so the choice is not lost.
  const unlisted = chosen !== '' && !devices.some((d) => d.deviceId === chosen);
  return (
    <label className="block">
      <span className="text-xs font-bold uppercase text-muted">{label}</span>
      <select
        className="mt-1 w-full rounded bg-rail px-2 py-1.5 text-normal"
        value={chosen}
        onChange={(e) =>
          void controller.voice.updateSettings({ [settingOf(kind)]: e.target.value })
        }
      >
        <option value="">Default</option>
        {devices.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label}
          </option>
        ))}
        {unlisted && <option value={chosen}>Not available now</option>}
      </select>
    </label>
  );
}
