import { lazy, Suspense, useMemo, useState } from 'react';
import { NavDrawerContext } from '../../app/NavDrawer';
import { Navigate, Route, Routes, useMatch, useParams } from 'react-router';
import type { ChannelView as ChannelViewModel } from '../../stores/rooms-store';
import { ServerRail } from '../servers/ServerRail';
import { ChannelSidebar } from '../channels/ChannelSidebar';
import { ChannelView } from '../chat/ChannelView';
import { InvitePage } from '../servers/InvitePage';
import { RemovedNotice } from '../servers/RemovedNotice';
import { useRemoval } from '../servers/useRemoval';
import { useRooms } from '../servers/useServers';
import { ConnectionBanner } from './ConnectionBanner';
import { SecurityRoot } from '../security/SecurityRoot';
import { QuickSwitcher } from '../switcher/QuickSwitcher';
import { useVoiceShortcuts } from '../voice/useVoiceShortcuts';
import { PopoutHost } from './PopoutHost';
import { CallAlerts } from '../calls/CallAlerts';

// The call view loads when a voice channel is first opened, not with the first screen.
const VoiceChannelView = lazy(() =>
  import('../voice/VoiceChannelView').then((m) => ({ default: m.VoiceChannelView })),
);

function ServerPage() {
  const { serverId = '', channelId } = useParams();
  const server = useRooms((s) => s.servers.find((x) => x.id === serverId));
  const home = serverId === '@me';
  const serverChannel = useRooms((s) =>
    s.servers.find((x) => x.id === serverId)?.channels.find((c) => c.id === channelId),
  );
  const otherRoom = useRooms((s) =>
    home ? s.otherRooms.find((c) => c.id === channelId) : undefined,
  );
  const direct = useRooms((s) => (home ? s.directs.find((d) => d.id === channelId) : undefined));
  const directChannel = useMemo<ChannelViewModel | undefined>(
    () =>
      direct && {
        id: direct.id,
        name: direct.name,
        kind: 'text',
        topic: '',
        unread: direct.unread,
        mentions: direct.mentions,
        encrypted: direct.encrypted,
      },
    [direct],
  );
  const channel = home ? (otherRoom ?? directChannel) : serverChannel;
  // Not in the server or channel the address names: say why (removed by whom), never load forever.
  const missing = !home && !server ? serverId : channelId && !channel ? channelId : undefined;
  const removal = useRemoval(missing);
  if (!home && server && !channelId) {
    const first = server.channels.find((c) => c.kind === 'text') ?? server.channels[0];
    if (first)
      return (
        <Navigate
          to={`/channels/${encodeURIComponent(server.id)}/${encodeURIComponent(first.id)}`}
          replace
        />
      );
  }
  return (
    <>
      <ChannelSidebar server={home ? undefined : server} />
      {channel?.kind === 'voice' ? (
        <Suspense fallback={<main data-channel-part className="flex-1 bg-chat" />}>
          <VoiceChannelView channel={channel} />
        </Suspense>
      ) : channel ? (
        <ChannelView channel={channel} direct={channel === directChannel} />
      ) : missing ? (
        <RemovedNotice
          lookup={removal}
          what={missing === serverId ? 'server' : 'channel'}
          serverId={server && missing !== serverId ? server.id : undefined}
        />
      ) : (
        <main
          data-channel-part
          className="flex flex-1 items-center justify-center bg-chat text-muted"
        >
          Pick a channel.
        </main>
      )}
    </>
  );
}

/** The signed-in app: rail, channel column, channel view. */
export function AppShell() {
  const [navOpen, setNavOpen] = useState(false);
  const inChannel = useMatch('/channels/:serverId/:channelId') !== null;
  const drawer = useMemo(() => ({ open: navOpen, setOpen: setNavOpen }), [navOpen]);
  useVoiceShortcuts();
  return (
    <NavDrawerContext.Provider value={drawer}>
      <div className="flex h-full flex-col">
        <ConnectionBanner />
        <SecurityRoot />
        <QuickSwitcher />
        <PopoutHost />
        <CallAlerts />
        <div
          className={`flex min-h-0 flex-1 ${inChannel && !navOpen ? 'nav-collapsed' : 'nav-expanded'}`}
          onClick={(e) => {
            // Picking a channel or server in the drawer closes it.
            if (navOpen && (e.target as HTMLElement).closest('a')) setNavOpen(false);
          }}
        >
          <ServerRail />
          <Routes>
            <Route path="/channels/:serverId/:channelId?" element={<ServerPage />} />
            <Route path="/invite/:target" element={<InvitePage />} />
            <Route path="*" element={<Navigate to="/channels/@me" replace />} />
          </Routes>
        </div>
      </div>
    </NavDrawerContext.Provider>
  );
}
