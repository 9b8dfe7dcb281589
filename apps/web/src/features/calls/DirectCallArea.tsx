import { CallStage } from '../video/CallStage';
import { CallFooter } from '../voice/CallFooter';
import { useVoiceChannel } from '../voice/useVoice';
import { useRinging } from './useRinging';

/** A DM's call: everyone as tiles, "Calling Bo…" while it rings, and the call controls. */
export default function DirectCallArea({ roomId }: { roomId: string }) {
  const { participants, joined, join } = useVoiceChannel(roomId);
  const calling = useRinging((s) =>
    s.outgoing?.status === 'ringing' && s.outgoing.roomId === roomId
      ? s.outgoing.calleeName
      : undefined,
  );
  return (
    <section
      aria-label="Call"
      className="flex h-[45%] min-h-64 shrink-0 flex-col border-b border-rail bg-rail/40"
    >
      {calling && (
        <p role="status" className="px-4 pt-3 text-center text-sm text-strong">
          Calling {calling}…
        </p>
      )}
      <CallStage roomId={roomId} participants={participants} inCall={joined} />
      <CallFooter joined={joined} join={join} joinLabel="Join call" />
    </section>
  );
}
