import { useState } from 'react';
import { Video, VideoOff } from 'lucide-react';
import { ScreenShareButton } from '../screen-share/ScreenShareButton';
import { CameraPreview } from './CameraPreview';
import { useLocalVideo } from './useLocalVideo';

/** Camera (through the preview when turning it on) and screen share, in the call's footer. */
export function VideoControls() {
  const { camera, turnOn, turnOff } = useLocalVideo();
  const [previewing, setPreviewing] = useState(false);
  const on = camera.status === 'on';
  const label = on ? 'Turn off camera' : 'Turn on camera';
  return (
    <>
      <button
        type="button"
        aria-label={label}
        title={label}
        disabled={camera.status === 'starting'}
        className={`rounded-full p-2 disabled:opacity-50 ${on ? 'bg-blurple text-white' : 'bg-rail text-strong hover:bg-panel'}`}
        onClick={on ? turnOff : () => setPreviewing(true)}
      >
        {on ? <Video size={18} aria-hidden="true" /> : <VideoOff size={18} aria-hidden="true" />}
      </button>
      <ScreenShareButton />
      <CameraPreview open={previewing} onOpenChange={setPreviewing} onTurnOn={turnOn} />
    </>
  );
}
