import { NavLink } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { useAuth } from '../../app/useSession';
import type { ChannelView } from '../../stores/rooms-store';
import { VoiceMemberRow } from './VoiceMemberRow';
import { useVoiceChannel } from './useVoice';
import { deviceNumbers } from './devices';

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
  const controller = useController();
  const auth = useAuth();
  const { members, joined } = useVoiceChannel(channel.id);
  const devices = deviceNumbers(members);
  const ownUser = auth.status === 'signed-in' ? auth.userId : '';
  const ownDevice = auth.status === 'signed-in' ? auth.deviceId : '';
  return (
    <li>
      <NavLink
        to={`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(channel.id)}`}
        className={linkClass}
        aria-label={`${channel.name} (voice channel)${members.length ? `, ${members.length} connected` : ''}`}
        onClick={() => void controller.voice.join(channel.id)}
      >
        <span aria-hidden="true">🔊</span>
        <span className={`truncate ${joined ? 'font-semibold text-strong' : ''}`}>
          {channel.name}
        </span>
      </NavLink>
      {members.length > 0 && (
        <ul aria-label={`In ${channel.name}`} className="mb-1 ml-6">
          {members.map((m) => (
            <VoiceMemberRow
              key={m.identity}
              member={m}
              device={devices.get(m.identity)}
              inCall={joined}
              self={m.userId === ownUser && m.deviceId === ownDevice}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
