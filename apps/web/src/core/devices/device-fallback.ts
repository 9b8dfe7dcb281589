import type { VoiceStoreApi } from '../../stores/voice-store';
import type { VoiceSettings } from './voice-settings';
import { DEVICE_NAME, settingOf, vanished, type DeviceLists } from './media-devices';

/**
 * The browser's devices changed: the lists go to the store, and a chosen device that was
 * removed falls back to the default (through `update`, which also switches the call), saying so.
 */
export async function devicesChanged(
  store: VoiceStoreApi,
  lists: DeviceLists,
  update: (patch: Partial<VoiceSettings>) => Promise<void>,
): Promise<void> {
  const { settings, devices: before } = store.getState();
  store.setState({ devices: lists });
  const gone = vanished(settings, lists);
  if (gone.length === 0) return;
  const names = gone.map((kind) => {
    const label = before[kind].find((d) => d.deviceId === settings[settingOf(kind)])?.label;
    return label ? `${DEVICE_NAME[kind]} (${label})` : DEVICE_NAME[kind];
  });
  await update(Object.fromEntries(gone.map((kind) => [settingOf(kind), ''])));
  store.setState({
    deviceNotice: `Your ${names.join(' and ')} ${gone.length > 1 ? 'were' : 'was'} removed: using the default instead.`,
  });
}
