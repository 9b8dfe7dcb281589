import { Lock } from 'lucide-react';
import type { VoiceMember } from '../../stores/voice-store';
import { Avatar } from './Avatar';
import { ParticipantMenu } from './ParticipantMenu';
import { SpeakingIndicator } from './SpeakingIndicator';
import { VoiceStateIcons } from './VoiceStateIcons';
import { labelOf } from './devices';
import { useVoice } from './useVoice';

/** One device in the call view: big avatar with the speaking ring, name, and media state. */
export function ParticipantTile({
  member,
  device,
  self,
  inCall,
}: {
  member: VoiceMember;
  /** Which of this person's devices this is, when they joined from several. */
  device: number | undefined;
  self: boolean;
  inCall: boolean;
}) {
  const encrypted = useVoice((s) => s.media[member.identity]?.encrypted === true);
  const connected = useVoice((s) => s.media[member.identity]?.connected === true);
  const tile = (onContextMenu?: (e: React.MouseEvent) => void) => (
    <div
      onContextMenu={onContextMenu}
      className="flex aspect-video flex-col items-center justify-center gap-3 rounded-lg bg-rail p-3"
    >
      <SpeakingIndicator identity={member.identity} active={inCall} className="p-1">
        <Avatar name={member.name} mxc={member.avatarMxc} size="lg" />
      </SpeakingIndicator>
      <div className="flex max-w-full items-center gap-1 text-sm text-strong">
        <span className="truncate">
          {self ? `${labelOf(member, device)} (you)` : labelOf(member, device)}
        </span>
        {inCall && encrypted && (
          <Lock role="img" aria-label="Media end-to-end encrypted" size={12} className="text-ok" />
        )}
        {inCall && (
          <VoiceStateIcons identity={member.identity} userId={member.userId} self={self} />
        )}
      </div>
      {inCall && !self && !connected && <p className="text-xs text-muted">Connecting…</p>}
    </div>
  );
  return (
    <li aria-label={labelOf(member, device)} data-identity={member.identity}>
      {self ? (
        tile()
      ) : (
        <ParticipantMenu userId={member.userId} name={member.name}>
          {tile}
        </ParticipantMenu>
      )}
    </li>
  );
}
