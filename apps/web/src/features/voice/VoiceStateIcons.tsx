import { BellOff, HeadphoneOff, MicOff } from 'lucide-react';
import { useVoice } from './useVoice';

/**
 * Muted / deafened / muted-for-me icons for one participant of your call, each with an
 * accessible name. Your own state comes from your controls, others' from LiveKit.
 */
export function VoiceStateIcons({
  identity,
  userId,
  self,
}: {
  identity: string;
  userId: string;
  self: boolean;
}) {
  const remote = useVoice((s) => s.media[identity]);
  const ownMuted = useVoice((s) => s.micMuted);
  const ownDeafened = useVoice((s) => s.deafened);
  const mutedForMe = useVoice((s) => !self && s.localMutes[userId] === true);
  const deafened = self ? ownDeafened : remote?.deafened === true;
  const muted = self ? ownMuted || ownDeafened : remote?.micMuted === true;
  return (
    <span className="ml-auto flex shrink-0 items-center gap-0.5 text-muted">
      {muted && <MicOff role="img" aria-label="Muted" size={14} />}
      {deafened && <HeadphoneOff role="img" aria-label="Deafened" size={14} />}
      {mutedForMe && <BellOff role="img" aria-label="Muted for you" size={14} />}
    </span>
  );
}
