import type { ChannelView } from '../../stores/rooms-store';
import { ChannelHeader } from '../channels/ChannelHeader';
import { DisconnectButton } from './DisconnectButton';
import { CallStage } from '../video/CallStage';
import { VideoControls } from '../video/VideoControls';
import { VoiceControls } from './VoiceControls';
import { useVoiceChannel } from './useVoice';

/** A voice channel's view: everyone in it as video tiles (or a share large), and the call controls. */
export function VoiceChannelView({ channel }: { channel: ChannelView }) {
  const { participants, joined, join } = useVoiceChannel(channel.id);
  return (
    <section
      data-channel-part
      aria-label={`${channel.name} (voice channel)`}
      className="flex min-w-0 flex-1 flex-col bg-chat"
    >
      <ChannelHeader kind="voice" name={channel.name} encrypted={channel.encrypted} />
      <CallStage participants={participants} inCall={joined} />
      <footer className="flex items-center justify-center gap-2 p-3">
        {joined ? (
          <>
            <VoiceControls />
            <VideoControls />
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
