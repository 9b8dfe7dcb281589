import { useController } from '../../app/ControllerContext';
import { membersOf } from '../../core/matrix/members';
import { useRooms } from '../servers/useServers';

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

/** Who is in the channel, grouped by role. */
export function MemberList({ roomId }: { roomId: string }) {
  const controller = useController();
  // Re-render when room state changes; the list itself is read straight from the room.
  useRooms((s) => s.version);
  const members = controller.client ? membersOf(controller.client, roomId) : [];
  return (
    <aside
      aria-label="Members"
      className="hidden w-60 shrink-0 overflow-y-auto bg-sidebar p-3 md:block"
    >
      <h2 className="text-xs font-bold uppercase text-muted">Members — {members.length}</h2>
      <ul className="mt-2 space-y-1">
        {members.map((m) => (
          <li
            key={m.userId}
            className="flex items-center gap-2 rounded px-2 py-1 hover:bg-chat"
            aria-label={`${m.name}, ${ROLE(m.powerLevel)}, ${STATUS_LABEL[m.status]}`}
          >
            <span
              aria-hidden="true"
              className="relative flex h-8 w-8 items-center justify-center rounded-full bg-blurple text-sm text-white"
            >
              {[...m.name.replace(/^@/, '')][0]?.toUpperCase()}
              <span
                className={`absolute -bottom-0.5 -right-0.5 h-3 w-3 rounded-full border-2 border-sidebar ${STATUS_COLOR[m.status]}`}
              />
            </span>
            <span className="truncate text-sm">{m.name}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
