import { Navigate, Route, Routes, useParams } from 'react-router';
import { ServerRail } from '../servers/ServerRail';
import { ChannelSidebar } from '../channels/ChannelSidebar';
import { ChannelView } from '../chat/ChannelView';
import { InvitePage } from '../servers/InvitePage';
import { useRooms } from '../servers/useServers';
import { ConnectionBanner } from './ConnectionBanner';

function ServerPage() {
  const { serverId = '', channelId } = useParams();
  const server = useRooms((s) => s.servers.find((x) => x.id === serverId));
  const home = serverId === '@me';
  const channel = useRooms((s) =>
    home
      ? [
          ...s.otherRooms,
          ...s.directs.map((d) => ({
            id: d.id,
            name: d.name,
            kind: 'text' as const,
            topic: '',
            unread: d.unread,
            mentions: d.mentions,
            encrypted: true,
          })),
        ].find((c) => c.id === channelId)
      : s.servers.find((x) => x.id === serverId)?.channels.find((c) => c.id === channelId),
  );
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
      {channel ? (
        <ChannelView channel={channel} />
      ) : (
        <main className="flex flex-1 items-center justify-center bg-chat text-muted">
          {home || server ? 'Pick a channel.' : 'Loading your servers…'}
        </main>
      )}
    </>
  );
}

/** The signed-in app: rail, channel column, channel view. */
export function AppShell() {
  return (
    <div className="flex h-full flex-col">
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <ServerRail />
        <Routes>
          <Route path="/channels/:serverId/:channelId?" element={<ServerPage />} />
          <Route path="/invite/:target" element={<InvitePage />} />
          <Route path="*" element={<Navigate to="/channels/@me" replace />} />
        </Routes>
      </div>
    </div>
  );
}
