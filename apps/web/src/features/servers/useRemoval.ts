import { useEffect, useState } from 'react';
import { useController } from '../../app/ControllerContext';
import { useConnection } from '../../app/useSession';
import type { RemovalLookup } from '../../core/matrix/removals';
import { useRooms } from './useServers';

/**
 * Why you are not in a room the address names: a removal seen during this session, or (once the
 * first sync is in, so the room list is known) what the homeserver says. `undefined` while the
 * room list is still loading.
 */
export function useRemoval(roomId: string | undefined): RemovalLookup | undefined {
  const controller = useController();
  const connection = useConnection();
  const live = useRooms((s) => s.removals.find((r) => r.roomId === roomId));
  const [asked, setAsked] = useState<{ roomId: string; lookup: RemovalLookup }>();
  const ready = connection !== 'connecting';
  useEffect(() => {
    if (!roomId || !ready || live) return;
    let current = true;
    void controller.servers
      .lookUpRemoval(roomId)
      .catch((): RemovalLookup => ({ status: 'not-member' }))
      .then((lookup) => {
        if (current) setAsked({ roomId, lookup });
      });
    return () => {
      current = false;
    };
  }, [controller, roomId, ready, live]);
  if (!roomId) return undefined;
  if (live) return { status: 'removed', removal: live };
  if (!ready) return undefined;
  return asked?.roomId === roomId ? asked.lookup : { status: 'checking' };
}
