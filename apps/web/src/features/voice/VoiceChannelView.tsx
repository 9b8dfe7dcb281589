import type { ChannelView } from '../../stores/rooms-store';
import { ChannelHeader } from '../channels/ChannelHeader';
import { DisconnectButton } from './DisconnectButton';
import { ParticipantTile } from './ParticipantTile';
import { VoiceControls } from './VoiceControls';
import { useVoiceChannel } from './useVoice';

/** A voice channel's view: everyone in it as tiles, and the call controls. */
export function VoiceChannelView({ channel }: { channel: ChannelView }) {
  const { participants, joined, join } = useVoiceChannel(channel.id);
  return (
    <section
      data-channel-part
      aria-label={`${channel.name} (voice channel)`}
      className="flex min-w-0 flex-1 flex-col bg-chat"
    >
      <ChannelHeader kind="voice" name={channel.name} encrypted={channel.encrypted} />
      <div className="flex-1 overflow-y-auto p-4">
        {participants.length === 0 ? (
          <p className="mt-16 text-center text-muted">No one is here yet.</p>
        ) : (
          <ul
            aria-label="Participants"
            className="grid gap-3 [grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))]"
          >
            {participants.map((p) => (
              <ParticipantTile key={p.member.identity} {...p} inCall={joined} />
            ))}
          </ul>
        )}
      </div>
      <footer className="flex items-center justify-center gap-2 p-3">
        {joined ? (
          <>
            <VoiceControls />
            <DisconnectButton prominent />
          </>
        ) : (
          <button
            type="button"
            className="rounded bg-ok px-4 py-2 font-semibold text-white"
            onClick={join}
          >
            Join voice
          </button>
        )}
      </footer>
    </section>
  );
}
