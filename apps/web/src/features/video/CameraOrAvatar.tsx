import { Avatar } from '../voice/Avatar';
import { SpeakingIndicator } from '../voice/SpeakingIndicator';
import type { Participant } from '../voice/useVoice';
import { TrackVideo } from './TrackVideo';

/** A person's camera picture when it is on (yours mirrored), else their avatar with the ring. */
export function CameraOrAvatar({
  member,
  label,
  self,
  inCall,
  camera,
  size,
  fit,
  avatarClassName = 'p-1',
}: {
  member: Participant['member'];
  label: string;
  self: boolean;
  inCall: boolean;
  /** The camera track, when on. */
  camera: string | undefined;
  size: 'sm' | 'lg';
  fit?: 'cover' | 'contain';
  avatarClassName?: string;
}) {
  return camera ? (
    <TrackVideo
      identity={member.identity}
      source="camera"
      trackId={camera}
      label={self ? 'Your video' : `Video of ${label}`}
      mirrored={self}
      fit={fit}
    />
  ) : (
    <SpeakingIndicator identity={member.identity} active={inCall} className={avatarClassName}>
      <Avatar name={member.name} mxc={member.avatarMxc} size={size} />
    </SpeakingIndicator>
  );
}
