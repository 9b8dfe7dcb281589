import { Mic, MicOff, PhoneOff } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import { useLocalMedia, useParticipants, useVoice } from '../voice/useVoice';
import { VideoGrid } from './VideoGrid';

/** The call in its picture-in-picture window: everyone's tiles, mute and leave. */
export default function PopoutCall() {
  const controller = useController();
  const roomId = useVoice((s) => s.call?.roomId ?? '');
  const participants = useParticipants(roomId);
  const { micMuted, deafened, toggleMute } = useLocalMedia();
  const muted = micMuted || deafened;
  return (
    <main aria-label="Call" className="flex h-full flex-col gap-2 p-2">
      <VideoGrid participants={participants} inCall onFocus={() => undefined} />
      <div className="flex justify-center gap-2">
        <button
          type="button"
          aria-label={muted ? 'Unmute' : 'Mute'}
          title={muted ? 'Unmute' : 'Mute'}
          className="rounded-full bg-rail p-2 text-strong"
          onClick={toggleMute}
        >
          {muted ? <MicOff size={18} aria-hidden="true" /> : <Mic size={18} aria-hidden="true" />}
        </button>
        <button
          type="button"
          aria-label="Leave call"
          title="Leave call"
          className="rounded-full bg-danger p-2 text-white"
          onClick={() => void controller.voice.leave()}
        >
          <PhoneOff size={18} aria-hidden="true" />
        </button>
      </div>
    </main>
  );
}
