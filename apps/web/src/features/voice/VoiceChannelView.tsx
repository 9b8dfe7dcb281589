import type { ChannelView } from '../../stores/rooms-store';
import { ChannelHeader } from '../channels/ChannelHeader';
import { CallStage } from '../video/CallStage';
import { CallFooter } from './CallFooter';
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
      <CallFooter joined={joined} join={join} joinLabel="Join voice" />
    </section>
  );
}
