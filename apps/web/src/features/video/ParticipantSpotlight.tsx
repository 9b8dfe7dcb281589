import { Avatar } from '../voice/Avatar';
import { labelOf } from '../voice/devices';
import { SpeakingIndicator } from '../voice/SpeakingIndicator';
import { useVoice, type Participant } from '../voice/useVoice';
import { TrackVideo } from './TrackVideo';

/** One person large (their camera, or their avatar), with the way back to the grid. */
export function ParticipantSpotlight({
  participant: { member, device, self },
  inCall,
  onBack,
}: {
  participant: Participant;
  inCall: boolean;
  onBack: () => void;
}) {
  const label = labelOf(member, device);
  const camera = useVoice((s) => (inCall ? s.media[member.identity]?.camera : undefined));
  return (
    <section
      aria-label={`Spotlight: ${label}`}
      className="relative flex min-h-0 flex-1 items-center justify-center rounded-lg bg-rail"
    >
      {camera ? (
        <TrackVideo
          identity={member.identity}
          source="camera"
          trackId={camera}
          label={self ? 'Your video' : `Video of ${label}`}
          mirrored={self}
          fit="contain"
        />
      ) : (
        <SpeakingIndicator identity={member.identity} active={inCall} className="p-1">
          <Avatar name={member.name} mxc={member.avatarMxc} size="lg" />
        </SpeakingIndicator>
      )}
      <button
        type="button"
        className="absolute right-2 top-2 rounded bg-black/60 px-2 py-1 text-sm text-white"
        onClick={onBack}
      >
        Back to grid
      </button>
    </section>
  );
}
