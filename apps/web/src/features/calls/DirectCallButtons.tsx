import { Phone, Video } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import { IconButton } from '../../app/IconButton';
import { useVoice } from '../voice/useVoice';

/** The DM header's call buttons: a voice or a video call that rings the other person. */
export function DirectCallButtons({ roomId }: { roomId: string }) {
  const controller = useController();
  const inThisCall = useVoice((s) => s.call?.roomId === roomId && s.call.phase !== 'failed');
  if (inThisCall) return null;
  return (
    <>
      <IconButton
        label="Start voice call"
        onClick={() => void controller.ringing.call(roomId, 'audio')}
      >
        <Phone size={18} />
      </IconButton>
      <IconButton
        label="Start video call"
        onClick={() => void controller.ringing.call(roomId, 'video')}
      >
        <Video size={18} />
      </IconButton>
    </>
  );
}
