import { useMemo, useState } from 'react';
import { NavLink } from 'react-router';
import { Volume2 } from 'lucide-react';
import type { ServerView } from '../../stores/rooms-store';
import { serverVoice } from '../../core/call/who-is-in-voice';
import { useAuth } from '../../app/useSession';
import { useVoice } from '../voice/useVoice';
import { useRooms } from './useServers';
import { CreateServerDialog } from './CreateServerDialog';
import { JoinServerDialog } from './JoinServerDialog';
import { Badge } from '../../app/Badge';
import { useMxcUrl } from '../chat/useMediaUrl';

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 3)
      .map((w) => [...w][0] ?? '')
      .join('') || '?'
  );
}

const pill = ({ isActive }: { isActive: boolean }) =>
  `relative flex h-12 w-12 items-center justify-center overflow-visible text-sm font-semibold text-strong transition-all ${
    isActive ? 'rounded-2xl bg-blurple' : 'rounded-3xl bg-chat hover:rounded-2xl hover:bg-blurple'
  }`;

function ServerIcon({ mxc, fallback }: { mxc: string; fallback: string }) {
  const icon = useMxcUrl(mxc);
  const [broken, setBroken] = useState<string | undefined>();
  if (icon.status !== 'ready' || broken === icon.url) return <>{fallback}</>;
  return (
    <img
      src={icon.url}
      alt=""
      className="h-12 w-12 rounded-[inherit] object-cover"
      onError={() => setBroken(icon.url)}
    />
  );
}

/** A server in the rail: icon, mentions, and who is in its voice channels. */
function ServerItem({ server }: { server: ServerView }) {
  const roster = useVoice((s) => s.roster);
  const auth = useAuth();
  const { people, includesYou } = useMemo(
    () =>
      serverVoice(server.channels, roster, auth.status === 'signed-in' ? auth.userId : undefined),
    [server.channels, roster, auth],
  );
  const voice = people ? `, ${people} in voice${includesYou ? ' including you' : ''}` : '';
  return (
    <li>
      <NavLink
        to={`/channels/${encodeURIComponent(server.id)}`}
        className={pill}
        aria-label={`${server.name}${server.mentions ? `, ${server.mentions} mentions` : server.unread ? ', unread' : ''}${voice}`}
        title={`${server.name}${voice}`}
      >
        {server.avatarMxc ? (
          <ServerIcon mxc={server.avatarMxc} fallback={initials(server.name)} />
        ) : (
          initials(server.name)
        )}
        <Badge count={server.mentions} highlight />
        {people > 0 && (
          <span
            aria-hidden="true"
            className={`absolute -bottom-1 -left-1 flex h-6 min-w-6 items-center justify-center gap-px rounded-full border-4 border-rail px-1 text-[10px] font-bold leading-none ${includesYou ? 'bg-ok text-white' : 'bg-sidebar text-strong'}`}
          >
            <Volume2 size={11} strokeWidth={2.5} />
            {people > 1 ? people : ''}
          </span>
        )}
      </NavLink>
    </li>
  );
}

/** The column of servers on the left: Home (DMs), each server, create and join. */
export function ServerRail() {
  const servers = useRooms((s) => s.servers);
  const dmUnread = useRooms((s) => s.directs.reduce((n, d) => n + d.unread, 0));
  return (
    <nav
      data-nav-part
      aria-label="Servers"
      className="flex w-[72px] shrink-0 flex-col items-center gap-2 overflow-y-auto bg-rail py-3"
    >
      <NavLink to="/channels/@me" className={pill} aria-label="Home">
        <img src="/favicon.svg" alt="" width={48} height={48} className="rounded-[inherit]" />
        <Badge count={dmUnread} highlight />
      </NavLink>
      <div className="h-0.5 w-8 rounded bg-chat" role="separator" />
      <ul className="flex flex-col gap-2" aria-label="Your servers">
        {servers.map((server) => (
          <ServerItem key={server.id} server={server} />
        ))}
      </ul>
      <CreateServerDialog />
      <JoinServerDialog />
    </nav>
  );
}
