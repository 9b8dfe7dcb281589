import { NavLink } from 'react-router';
import type { ChannelView } from '../../stores/rooms-store';
import { VoiceMemberRow } from './VoiceMemberRow';
import { useVoiceChannel } from './useVoice';
import { UnjoinedListeners } from './UnjoinedListeners';

/**
 * A voice channel in the sidebar. One click joins it (no lobby) and opens its view; under it,
 * live from the call membership state, everyone who is in it, whether or not you are.
 */
export function VoiceChannelItem({
  serverId,
  channel,
  linkClass,
}: {
  serverId: string;
  channel: ChannelView;
  linkClass: (state: { isActive: boolean }) => string;
}) {
  const { participants, joined, join } = useVoiceChannel(channel.id);
  return (
    <li>
      <NavLink
        to={`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(channel.id)}`}
        className={linkClass}
        aria-label={`${channel.name} (voice channel)${participants.length ? `, ${participants.length} connected` : ''}${joined ? ', you are in it' : ''}`}
        onClick={join}
      >
        <span aria-hidden="true">🔊</span>
        <span className={`truncate ${joined ? 'font-semibold text-strong' : ''}`}>
          {channel.name}
        </span>
      </NavLink>
      {participants.length > 0 && (
        <ul aria-label={`In ${channel.name}`} className="mb-1 ml-6">
          {participants.map((p) => (
            <VoiceMemberRow key={p.member.identity} {...p} inCall={joined} />
          ))}
        </ul>
      )}
      {joined && <UnjoinedListeners roomId={channel.id} compact />}
    </li>
  );
}
