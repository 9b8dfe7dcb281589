import { useController } from '../../app/ControllerContext';
import type { LocalVideoState } from '../../stores/voice-store';
import { useVoice } from '../voice/useVoice';

const OFF: LocalVideoState = { status: 'off' };

/** Your screen share in the current call: its state, starting (the browser asks what) and stopping. */
export function useScreenShare() {
  const controller = useController();
  const share = useVoice((s) => s.call?.share ?? OFF);
  return {
    share,
    start: () => void controller.voice.startScreenShare(),
    stop: () => void controller.voice.stopScreenShare(),
  };
}

/** Someone's share as a viewer has it: its picture, whether it has sound, and your volume for it. */
export function useRemoteShare(identity: string) {
  const controller = useController();
  const screen = useVoice((s) => s.media[identity]?.screen);
  const audio = useVoice((s) => s.media[identity]?.screenAudio === true);
  const volume = useVoice((s) => s.shareVolumes[identity] ?? 1);
  return {
    screen,
    audio,
    volume,
    setVolume: (v: number) => controller.voice.setShareVolume(identity, v),
  };
}
