import { labelOf } from '../voice/devices';
import { useVoice, type Participant } from '../voice/useVoice';
import { CameraOrAvatar } from './CameraOrAvatar';

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
      <CameraOrAvatar
        member={member}
        label={label}
        self={self}
        inCall={inCall}
        camera={camera}
        size="lg"
        fit="contain"
      />
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
