import { NavLink } from 'react-router';
import { useController } from '../../app/ControllerContext';
import { presenceOf } from '../../core/matrix/members';
import type { DirectView } from '../../stores/rooms-store';
import { channelLink } from '../channels/ChannelGroupSection';
import { Activity } from '../members/MemberList';
import { useRooms } from '../servers/useServers';

/** A DM in the Home sidebar, with what the other person is doing ("In voice: General"). */
export function DirectItem({ direct }: { direct: DirectView }) {
  const controller = useController();
  useRooms((s) => s.version); // presence changes rebuild the rooms snapshot
  const client = controller.client;
  const activity =
    client && direct.otherUserId ? presenceOf(client, direct.otherUserId).activity : undefined;
  return (
    <li>
      <NavLink
        to={`/channels/@me/${encodeURIComponent(direct.id)}`}
        className={channelLink}
        aria-label={`${direct.name} (direct message)${activity ? `, ${activity}` : ''}${direct.unread ? ', unread' : ''}`}
      >
        <span className="min-w-0">
          <span className={`block truncate ${direct.unread ? 'font-semibold text-strong' : ''}`}>
            {direct.name}
          </span>
          {activity && <Activity text={activity} />}
        </span>
      </NavLink>
    </li>
  );
}
