import { NavLink } from 'react-router';
import type { ServerView } from '../../stores/rooms-store';
import { InviteDialog } from './InviteDialog';
import { LeaveServerButton } from '../servers/LeaveServerButton';
import { CreateChannelDialog } from './CreateChannelDialog';
import { ServerSettingsDialog } from '../servers/ServerSettingsDialog';
import { UserPanel } from '../settings/UserPanel';
import { useRooms } from '../servers/useServers';
import { NewDirectDialog } from '../directs/NewDirectDialog';
import { InviteList } from '../directs/InviteList';
import { DirectItem } from '../directs/DirectItem';
import { NotificationPrompt } from '../settings/NotificationPrompt';
import { ChannelGroupSection, channelLink } from './ChannelGroupSection';
import { OfferedRooms } from './OfferedRooms';
import { lazy, Suspense } from 'react';
import { useVoice } from '../voice/useVoice';

// The voice panel (and its settings) loads with your first call, not with the first screen.
const VoicePanel = lazy(() =>
  import('../voice/VoicePanel').then((m) => ({ default: m.VoicePanel })),
);

function VoicePanelSlot() {
  const inCall = useVoice((s) => s.call !== undefined);
  if (!inCall) return null;
  return (
    <Suspense fallback={null}>
      <VoicePanel />
    </Suspense>
  );
}

function ServerChannels({ server }: { server: ServerView }) {
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
        {server.groups.map((group) => (
          <ChannelGroupSection key={group.key} serverId={server.id} group={group} />
        ))}
        <OfferedRooms serverId={server.id} />
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
            <DirectItem key={d.id} direct={d} />
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
      <VoicePanelSlot />
      <UserPanel />
    </aside>
  );
}
