import { useState } from 'react';
import type { ChannelView as Channel } from '../../stores/rooms-store';
import { MemberList } from '../members/MemberList';
import { ChannelHeader } from '../channels/ChannelHeader';
import { ChannelChat } from './ChannelChat';
import { DirectCallButtons } from '../calls/DirectCallButtons';
import { DirectCall } from '../calls/DirectCall';
import { ChannelNotificationsMenu } from '../channels/ChannelNotificationsMenu';
import { RecoveryNudge } from '../security/RecoveryNudge';

/**
 * A text channel: header, messages, composer, and the toggleable member list. A DM (`direct`)
 * also has call buttons, and its call above the messages.
 */
export function ChannelView({ channel, direct = false }: { channel: Channel; direct?: boolean }) {
  const [showMembers, setShowMembers] = useState(true);
  return (
    <div data-channel-part className="flex min-w-0 flex-1">
      <section aria-label={`#${channel.name}`} className="flex min-w-0 flex-1 flex-col bg-chat">
        <ChannelHeader kind={channel.kind} name={channel.name} encrypted={channel.encrypted}>
          {channel.topic && (
            <p className="truncate border-l border-white/10 pl-2 text-sm text-muted">
              {channel.topic}
            </p>
          )}
          <span className="ml-auto" />
          {direct && <DirectCallButtons roomId={channel.id} />}
          {!direct && <ChannelNotificationsMenu roomId={channel.id} />}
          <button
            type="button"
            className={`rounded p-1 ${showMembers ? 'text-strong' : 'text-muted'} hover:text-strong`}
            aria-label={showMembers ? 'Hide member list' : 'Show member list'}
            aria-pressed={showMembers}
            onClick={() => setShowMembers(!showMembers)}
          >
            👥
          </button>
        </ChannelHeader>
        {direct && <DirectCall roomId={channel.id} />}
        {channel.encrypted && <RecoveryNudge />}
        <ChannelChat key={channel.id} roomId={channel.id} channelName={channel.name} />
      </section>
      {showMembers && <MemberList roomId={channel.id} />}
    </div>
  );
}
