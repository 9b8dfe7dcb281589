import type { VoiceSettings } from './voice-settings';

export type DeviceKind = 'audioinput' | 'audiooutput' | 'videoinput';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

/** The part of `navigator.mediaDevices` used here (a fake in tests). */
export interface DeviceSource {
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

const FALLBACK_NAME: Record<DeviceKind, string> = {
  audioinput: 'Microphone',
  audiooutput: 'Speaker',
  videoinput: 'Camera',
};

/**
 * The devices the browser offers, per kind. The browser's own "default" and "communications"
 * entries are left out: the settings offer "Default" for them. Labels are empty until the site
 * may use the microphone or camera, so those get numbered names.
 */
export async function listDevices(source: DeviceSource): Promise<DeviceLists> {
  const lists: DeviceLists = { audioinput: [], audiooutput: [], videoinput: [] };
  for (const device of await source.enumerateDevices()) {
    if (!(device.kind in lists)) continue;
    const kind = device.kind;
    const list = lists[kind];
    if (!device.deviceId || ['default', 'communications'].includes(device.deviceId)) continue;
    if (list.some((d) => d.deviceId === device.deviceId)) continue;
    list.push({
      deviceId: device.deviceId,
      label: device.label || `${FALLBACK_NAME[kind]} ${list.length + 1}`,
    });
  }
  return lists;
}

/** Calls `onChange` with fresh lists now and whenever a device is plugged in or removed. */
export function watchDevices(
  source: DeviceSource,
  onChange: (lists: DeviceLists) => void,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  let stopped = false;
  const refresh = () =>
    void listDevices(source).then(
      (lists) => !stopped && onChange(lists),
      (error: unknown) => !stopped && onError(error),
    );
  source.addEventListener('devicechange', refresh);
  refresh();
  return () => {
    stopped = true;
    source.removeEventListener('devicechange', refresh);
  };
}

const SETTING: Record<DeviceKind, 'inputId' | 'outputId' | 'cameraId'> = {
  audioinput: 'inputId',
  audiooutput: 'outputId',
  videoinput: 'cameraId',
};

export const settingOf = (kind: DeviceKind) => SETTING[kind];

export const DEVICE_KINDS = Object.keys(SETTING) as DeviceKind[];

/** How a kind of device is called in messages. */
export const DEVICE_NAME: Record<DeviceKind, string> = {
  audioinput: 'microphone',
  audiooutput: 'speakers',
  videoinput: 'camera',
};

/**
 * Chosen devices that are no longer there. An empty list of a kind says nothing (labels and IDs
 * can be hidden before permission), so only a list that has devices, but not the chosen one, counts.
 */
export function vanished(settings: VoiceSettings, lists: DeviceLists): DeviceKind[] {
  return (Object.keys(SETTING) as DeviceKind[]).filter((kind) => {
    const chosen = settings[SETTING[kind]];
    const list = lists[kind];
    return chosen !== '' && list.length > 0 && !list.some((d) => d.deviceId === chosen);
  });
}
