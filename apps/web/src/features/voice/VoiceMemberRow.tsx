import type { VoiceMember } from '../../stores/voice-store';
import { Avatar } from './Avatar';
import { ParticipantMenu } from './ParticipantMenu';
import { SpeakingIndicator } from './SpeakingIndicator';
import { ParticipantConnection } from './SignalBars';
import { VoiceStateIcons } from './VoiceStateIcons';
import { labelOf } from './devices';

/** One person under a voice channel in the sidebar: avatar (ringed while speaking) and name. */
export function VoiceMemberRow({
  member,
  device,
  inCall,
  self,
}: {
  member: VoiceMember;
  /** Which of this person's devices this is, when they joined from several. */
  device: number | undefined;
  /** You are in this channel's call, so live speaking and mute state are known. */
  inCall: boolean;
  self: boolean;
}) {
  const row = (onContextMenu?: (e: React.MouseEvent) => void) => (
    <div
      className="flex items-center gap-2 rounded px-2 py-0.5 text-sm text-muted hover:bg-chat/60"
      onContextMenu={onContextMenu}
    >
      <SpeakingIndicator identity={member.identity} active={inCall}>
        <Avatar name={member.name} mxc={member.avatarMxc} />
      </SpeakingIndicator>
      <span className="truncate">{labelOf(member, device)}</span>
      {inCall && <VoiceStateIcons identity={member.identity} userId={member.userId} self={self} />}
      {inCall && <ParticipantConnection identity={member.identity} />}
    </div>
  );
  return (
    <li aria-label={labelOf(member, device)} data-identity={member.identity}>
      {self ? (
        row()
      ) : (
        <ParticipantMenu userId={member.userId} name={member.name}>
          {row}
        </ParticipantMenu>
      )}
    </li>
  );
}
