import { useController } from '../../app/ControllerContext';
import type { LocalVideoState } from '../../stores/voice-store';
import { useVoice } from '../voice/useVoice';

const OFF: LocalVideoState = { status: 'off' };

/** Your camera in the current call: its state, and turning it on (a chosen camera) or off. */
export function useLocalVideo() {
  const controller = useController();
  const camera = useVoice((s) => s.call?.camera ?? OFF);
  return {
    camera,
    turnOn: (deviceId?: string) => void controller.voice.setCamera(true, deviceId),
    turnOff: () => void controller.voice.setCamera(false),
  };
}
