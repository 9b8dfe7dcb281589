import { useState } from 'react';
import { useStore } from 'zustand';
import { Hash, Volume2 } from 'lucide-react';
import { useController } from '../../app/ControllerContext';
import type { OfferedRoom } from '../../stores/offered-rooms-store';

const NONE: OfferedRoom[] = [];

function OfferedItem({ room }: { room: OfferedRoom }) {
  const controller = useController();
  const [state, setState] = useState<
    { status: 'idle' | 'joining' } | { status: 'failed'; error: string }
  >({ status: 'idle' });
  const join = async () => {
    setState({ status: 'joining' });
    try {
      await controller.servers.joinOfferedRoom(room);
    } catch (error) {
      setState({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  };
  const Icon = room.kind === 'voice' ? Volume2 : Hash;
  return (
    <li className="px-2 py-1">
      <div className="flex items-center gap-1.5 text-muted">
        <Icon aria-hidden="true" className="h-4 w-4 shrink-0" />
        <span className="min-w-0 flex-1 truncate">{room.name}</span>
        <button
          type="button"
          aria-label={`Join ${room.name}`}
          disabled={state.status === 'joining'}
          className="rounded bg-chat px-2 py-0.5 text-xs font-semibold text-strong hover:bg-blurple disabled:opacity-60"
          onClick={() => void join()}
        >
          Join
        </button>
      </div>
      {state.status === 'failed' && (
        <p role="alert" className="text-xs text-danger">
          {state.error}
        </p>
      )}
    </li>
  );
}

/**
 * Rooms this server lists that are not its own channels (a moderator may list any room): HAOS
 * never joins them by itself; the person may, with a click.
 */
export function OfferedRooms({ serverId }: { serverId: string }) {
  const offered = useStore(useController().offered, (s) => s.bySpace[serverId] ?? NONE);
  if (offered.length === 0) return null;
  return (
    <section aria-label="Other rooms listed by this server">
      <h3 className="px-2 text-xs font-bold uppercase text-muted">Other rooms</h3>
      <p className="px-2 text-xs text-muted">
        Listed here by the server; join only if you want to.
      </p>
      <ul>
        {offered.map((room) => (
          <OfferedItem key={room.id} room={room} />
        ))}
      </ul>
    </section>
  );
}
