import { MessageSquare } from 'lucide-react';
import type { ChannelView } from '../../stores/rooms-store';
import { ChannelHeader } from '../channels/ChannelHeader';
import { ChannelNotificationsMenu } from '../channels/ChannelNotificationsMenu';
import { ChannelChat } from '../chat/ChannelChat';
import { CallStage } from '../video/CallStage';
import { CallFooter } from './CallFooter';
import { useVoiceChannel } from './useVoice';
import { useVoiceChatOpen } from './useVoiceChatOpen';

/**
 * A voice channel's view: everyone in it as video tiles (or a share large), the call controls,
 * and, when opened, the channel's text chat beside the call (as Discord voice channels have).
 */
export function VoiceChannelView({ channel }: { channel: ChannelView }) {
  const { participants, joined, join } = useVoiceChannel(channel.id);
  const [chatOpen, toggleChat] = useVoiceChatOpen();
  return (
    <div data-channel-part className="flex min-w-0 flex-1 bg-chat">
      <section
        aria-label={`${channel.name} (voice channel)`}
        className="flex min-w-0 flex-1 flex-col"
      >
        <ChannelHeader kind="voice" name={channel.name} encrypted={channel.encrypted}>
          <span className="ml-auto" />
          <ChannelNotificationsMenu roomId={channel.id} />
          <button
            type="button"
            className={`rounded p-1 ${chatOpen ? 'text-strong' : 'text-muted'} hover:text-strong`}
            aria-label={chatOpen ? 'Hide chat' : 'Show chat'}
            aria-pressed={chatOpen}
            onClick={toggleChat}
          >
            <MessageSquare aria-hidden size={20} />
          </button>
        </ChannelHeader>
        <CallStage roomId={channel.id} participants={participants} inCall={joined} />
        <CallFooter joined={joined} join={join} joinLabel="Join voice" />
      </section>
      {chatOpen && (
        <aside
          aria-label={`Chat in ${channel.name}`}
          className="flex w-[min(22rem,45%)] shrink-0 flex-col border-l border-rail"
        >
          <ChannelChat key={channel.id} roomId={channel.id} channelName={channel.name} />
        </aside>
      )}
    </div>
  );
}
