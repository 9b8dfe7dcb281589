import { NavLink } from 'react-router';
import type { ChannelView, ServerView } from '../../stores/rooms-store';
import { InviteDialog } from './InviteDialog';
import { LeaveServerButton } from '../servers/LeaveServerButton';
import { CreateChannelDialog } from './CreateChannelDialog';
import { ServerSettingsDialog } from '../servers/ServerSettingsDialog';
import { UserPanel } from '../settings/UserPanel';
import { useRooms } from '../servers/useServers';
import { NewDirectDialog } from '../directs/NewDirectDialog';
import { InviteList } from '../directs/InviteList';
import { NotificationPrompt } from '../settings/NotificationPrompt';
import { VoiceChannelItem } from '../voice/VoiceChannelItem';
import { VoicePanel } from '../voice/VoicePanel';

const channelLink = ({ isActive }: { isActive: boolean }) =>
  `flex items-center gap-1.5 rounded px-2 py-1.5 ${isActive ? 'bg-chat text-strong' : 'text-muted hover:bg-chat/60 hover:text-normal'}`;

function ChannelGroup({
  title,
  serverId,
  channels,
}: {
  title: string;
  serverId: string;
  channels: ChannelView[];
}) {
  return (
    <section aria-label={title}>
      <h3 className="px-2 text-xs font-bold uppercase text-muted">{title}</h3>
      <ul>
        {channels.map((c) =>
          c.kind === 'voice' ? (
            <VoiceChannelItem key={c.id} serverId={serverId} channel={c} linkClass={channelLink} />
          ) : (
            <li key={c.id}>
              <NavLink
                to={`/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(c.id)}`}
                className={channelLink}
                aria-label={`${c.name} (text channel)${c.mentions ? `, ${c.mentions} mentions` : c.unread ? ', unread' : ''}`}
              >
                <span aria-hidden="true">#</span>
                <span className={`truncate ${c.unread ? 'font-semibold text-strong' : ''}`}>
                  {c.name}
                </span>
                {c.mentions > 0 && (
                  <span className="ml-auto rounded-full bg-danger px-1.5 text-xs font-bold text-white">
                    {c.mentions}
                  </span>
                )}
              </NavLink>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

function ServerChannels({ server }: { server: ServerView }) {
  const text = server.channels.filter((c) => c.kind === 'text');
  const voice = server.channels.filter((c) => c.kind === 'voice');
  return (
    <>
      <header className="flex h-12 items-center justify-between border-b border-rail px-4 font-semibold text-strong">
        <h2 className="truncate">{server.name}</h2>
        <span className="flex items-center">
          {server.canManage && <CreateChannelDialog serverId={server.id} />}
          {server.canManage && <ServerSettingsDialog server={server} />}
          <InviteDialog serverId={server.id} serverName={server.name} />
          <LeaveServerButton serverId={server.id} serverName={server.name} />
        </span>
      </header>
      <div className="flex-1 space-y-4 overflow-y-auto p-2">
        <ChannelGroup title="Text channels" serverId={server.id} channels={text} />
        <ChannelGroup title="Voice channels" serverId={server.id} channels={voice} />
      </div>
    </>
  );
}

function HomeChannels() {
  const directs = useRooms((s) => s.directs);
  const others = useRooms((s) => s.otherRooms);
  return (
    <>
      <header className="flex h-12 items-center border-b border-rail px-4 font-semibold text-strong">
        <h2>Direct messages</h2>
      </header>
      <div className="flex-1 space-y-4 overflow-y-auto p-2">
        <NewDirectDialog />
        <NotificationPrompt />
        <InviteList />
        <ul aria-label="Direct messages">
          {directs.map((d) => (
            <li key={d.id}>
              <NavLink
                to={`/channels/@me/${encodeURIComponent(d.id)}`}
                className={channelLink}
                aria-label={`${d.name} (direct message)${d.unread ? ', unread' : ''}`}
              >
                <span className={`truncate ${d.unread ? 'font-semibold text-strong' : ''}`}>
                  {d.name}
                </span>
              </NavLink>
            </li>
          ))}
          {directs.length === 0 && (
            <li className="px-2 text-sm text-muted">No direct messages yet.</li>
          )}
        </ul>
        {others.length > 0 && (
          <section aria-label="Other rooms">
            <h3 className="px-2 text-xs font-bold uppercase text-muted">Rooms</h3>
            <ul>
              {others.map((r) => (
                <li key={r.id}>
                  <NavLink to={`/channels/@me/${encodeURIComponent(r.id)}`} className={channelLink}>
                    <span aria-hidden="true">#</span>
                    <span className="truncate">{r.name}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}

/** The channel column: the server's channels (or DMs at Home), and the user panel at the bottom. */
export function ChannelSidebar({ server }: { server: ServerView | undefined }) {
  return (
    <aside data-nav-part aria-label="Channels" className="flex w-60 shrink-0 flex-col bg-sidebar">
      {server ? <ServerChannels server={server} /> : <HomeChannels />}
      <VoicePanel />
      <UserPanel />
    </aside>
  );
}
