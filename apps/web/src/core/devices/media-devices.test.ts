import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './voice-settings';
import { listDevices, vanished, watchDevices, type DeviceSource } from './media-devices';

const info = (kind: string, deviceId: string, label = '') =>
  ({ kind, deviceId, label, groupId: '' }) as MediaDeviceInfo;

class FakeDevices extends EventTarget implements DeviceSource {
  devices = [
    info('audioinput', 'default', 'Default - Mic'),
    info('audioinput', 'm1', 'USB Mic'),
    info('audioinput', 'm2', ''),
    info('audiooutput', 'default', 'Default'),
    info('audiooutput', 's1', 'Speakers'),
    info('videoinput', 'c1', 'Webcam'),
  ];
  enumerateDevices() {
    return Promise.resolve(this.devices);
  }
}

describe('listDevices', () => {
  it('lists real devices per kind, without the browser\'s "default", naming unlabelled ones', async () => {
    expect(await listDevices(new FakeDevices())).toEqual({
      audioinput: [
        { deviceId: 'm1', label: 'USB Mic' },
        { deviceId: 'm2', label: 'Microphone 2' },
      ],
      audiooutput: [{ deviceId: 's1', label: 'Speakers' }],
      videoinput: [{ deviceId: 'c1', label: 'Webcam' }],
    });
  });
});

describe('watchDevices', () => {
  it('lists at once and again when a device is unplugged', async () => {
    const source = new FakeDevices();
    const seen: number[] = [];
    const undo = watchDevices(source, (lists) => seen.push(lists.audioinput.length));
    await new Promise((r) => setTimeout(r, 0));
    source.devices = source.devices.filter((d) => d.deviceId !== 'm1');
    source.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([2, 1]);
    undo();
    source.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([2, 1]);
  });
});

describe('vanished', () => {
  const lists = {
    audioinput: [{ deviceId: 'm1', label: 'USB Mic' }],
    audiooutput: [],
    videoinput: [{ deviceId: 'c1', label: 'Webcam' }],
  };
  it('finds chosen devices that are gone, but not "Default" or kinds the browser hides', () => {
    expect(vanished({ ...DEFAULT_SETTINGS, inputId: 'm1', cameraId: 'c1' }, lists)).toEqual([]);
    expect(vanished({ ...DEFAULT_SETTINGS, inputId: 'gone', outputId: 'x' }, lists)).toEqual([
      'audioinput',
    ]);
  });
});
