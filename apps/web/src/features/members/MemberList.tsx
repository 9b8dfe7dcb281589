import { useMemo } from 'react';
import { Volume2 } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import { membersOf } from '../../core/matrix/members';
import { isCallActivity } from '../../core/matrix/status-message';
import { voiceChannelByUser } from '../../core/call/who-is-in-voice';
import { useRooms } from '../servers/useServers';
import { useVoice } from '../voice/useVoice';

export const STATUS_LABEL = {
  online: 'Online',
  idle: 'Idle',
  dnd: 'Do Not Disturb',
  offline: 'Offline',
} as const;
export const STATUS_COLOR = {
  online: 'bg-ok',
  idle: 'bg-yellow-500',
  dnd: 'bg-danger',
  offline: 'bg-muted',
} as const;

const ROLE = (pl: number) =>
  pl >= 100 ? 'Owner' : pl >= 75 ? 'Admin' : pl >= 50 ? 'Moderator' : 'Member';

/**
 * Who is in each voice channel of the server this room belongs to (user → channel name): live
 * from the call memberships, so it is right even for people whose presence says nothing.
 */
function useServerVoice(roomId: string): Map<string, string> {
  const server = useRooms((s) => s.servers.find((sv) => sv.channels.some((c) => c.id === roomId)));
  const roster = useVoice((s) => s.roster);
  return useMemo(
    () => voiceChannelByUser(server?.channels ?? [], roster),
    [server?.channels, roster],
  );
}

/** Who is in the channel, by role, with their status and what they are doing (in voice). */
export function MemberList({ roomId }: { roomId: string }) {
  const controller = useController();
  // Re-render when room state changes; the list itself is read straight from the room.
  useRooms((s) => s.version);
  const inVoice = useServerVoice(roomId);
  const members = controller.client ? membersOf(controller.client, roomId) : [];
  return (
    <aside
      aria-label="Members"
      className="hidden w-60 shrink-0 overflow-y-auto bg-sidebar p-3 md:block"
    >
      <h2 className="text-xs font-bold uppercase text-muted">Members — {members.length}</h2>
      <ul className="mt-2 space-y-1">
        {members.map((m) => {
          const voiceChannel = inVoice.get(m.userId);
          const activity = voiceChannel ? `In voice: ${voiceChannel}` : m.activity;
          return (
            <li
              key={m.userId}
              className="flex items-center gap-2 rounded px-2 py-1 hover:bg-chat"
              aria-label={`${m.name}, ${ROLE(m.powerLevel)}, ${STATUS_LABEL[m.status]}${activity ? `, ${activity}` : ''}`}
            >
              <span
                aria-hidden="true"
                className="relative flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-blurple text-sm text-white"
              >
                {[...m.name.replace(/^@/, '')][0]?.toUpperCase()}
                <span
                  className={`absolute -bottom-0.5 -right-0.5 h-3 w-3 rounded-full border-2 border-sidebar ${STATUS_COLOR[m.status]}`}
                />
              </span>
              <span className="min-w-0">
                <span className="block truncate text-sm">{m.name}</span>
                {activity && <Activity text={activity} />}
              </span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

/** The line under a name: what they are doing, with a speaker for voice. */
export function Activity({ text }: { text: string }) {
  const voice = isCallActivity(text);
  return (
    <span
      aria-hidden="true"
      className={`flex items-center gap-1 truncate text-xs ${voice ? 'text-ok' : 'text-muted'}`}
    >
      {voice && <Volume2 size={12} className="shrink-0" />}
      <span className="truncate">{text}</span>
    </span>
  );
}
