import { useEffect } from 'react';
import { useController } from '../../../app/ControllerContext';
import { watchDevices } from '../../../core/devices/media-devices';
import { devicesChanged } from '../../../core/devices/device-fallback';

/** While mounted, keeps the device lists current (fresh on mount: labels come with permission). */
export function useDeviceWatcher(): void {
  const controller = useController();
  useEffect(() => {
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!devices) return;
    const { voice } = controller;
    return watchDevices(
      devices,
      (lists) => void devicesChanged(voice.store, lists, (patch) => voice.updateSettings(patch)),
    );
  }, [controller]);
}
