import { useId, useState } from 'react';
import { NavLink } from 'react-router';
import type { ChannelGroup } from '../../core/matrix/channel-layout';
import type { ChannelView } from '../../stores/rooms-store';
import { VoiceChannelItem } from '../voice/VoiceChannelItem';

export const channelLink = ({ isActive }: { isActive: boolean }) =>
  `flex items-center gap-1.5 rounded px-2 py-1.5 ${isActive ? 'bg-chat text-strong' : 'text-muted hover:bg-chat/60 hover:text-normal'}`;

const collapsedKey = (serverId: string) => `haos.collapsed.${serverId}`;

function readCollapsed(serverId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(collapsedKey(serverId)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Which groups of a server are collapsed, remembered on this device (as Discord does). */
function useCollapsed(serverId: string, key: string): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(() => readCollapsed(serverId).includes(key));
  const toggle = () => {
    const others = readCollapsed(serverId).filter((k) => k !== key);
    localStorage.setItem(
      collapsedKey(serverId),
      JSON.stringify(collapsed ? others : [...others, key]),
    );
    setCollapsed(!collapsed);
  };
  return [collapsed, toggle];
}

function TextChannelItem({ serverId, channel }: { serverId: string; channel: ChannelView }) {
  return (
    <li>
      <NavLink
        to={`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(channel.id)}`}
        className={channelLink}
        aria-label={`${channel.name} (text channel)${channel.mentions ? `, ${channel.mentions} mentions` : channel.unread ? ', unread' : ''}`}
      >
        <span aria-hidden="true">#</span>
        <span className={`truncate ${channel.unread ? 'font-semibold text-strong' : ''}`}>
          {channel.name}
        </span>
        {channel.mentions > 0 && (
          <span className="ml-auto rounded-full bg-danger px-1.5 text-xs font-bold text-white">
            {channel.mentions}
          </span>
        )}
      </NavLink>
    </li>
  );
}

/** A titled group of the sidebar (a category, or the channels without one); click to fold. */
export function ChannelGroupSection({
  serverId,
  group,
}: {
  serverId: string;
  group: ChannelGroup<ChannelView>;
}) {
  const [collapsed, toggle] = useCollapsed(serverId, group.key);
  const listId = useId();
  return (
    <section aria-label={group.title}>
      <h3>
        <button
          type="button"
          aria-expanded={!collapsed}
          aria-controls={listId}
          onClick={toggle}
          className="flex w-full items-center gap-1 px-1 text-left text-xs font-bold uppercase text-muted hover:text-normal"
        >
          <span
            aria-hidden="true"
            className={`transition-transform ${collapsed ? '-rotate-90' : ''}`}
          >
            ⌄
          </span>
          <span className="truncate">{group.title}</span>
        </button>
      </h3>
      <ul id={listId} hidden={collapsed}>
        {group.channels.map((c) =>
          c.kind === 'voice' ? (
            <VoiceChannelItem key={c.id} serverId={serverId} channel={c} linkClass={channelLink} />
          ) : (
            <TextChannelItem key={c.id} serverId={serverId} channel={c} />
          ),
        )}
        {group.channels.length === 0 && (
          <li className="px-2 py-1 text-xs text-muted">No channels yet.</li>
        )}
      </ul>
    </section>
  );
}
