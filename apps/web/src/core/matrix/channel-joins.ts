import type { MatrixClient, Room } from 'matrix-js-sdk';
import { EventTypes } from './event-types';
import { childIdsOf, isServer } from './room-snapshot';
import type { RoomsStoreApi } from '../../stores/rooms-store';

export type ChannelJoinClient = Pick<MatrixClient, 'getRooms' | 'getRoom' | 'joinRoom'>;

/**
 * Channels added to a server after you joined it: joins them, as Discord shows a new channel to
 * every member. Only channels you have never been in — one you left or were removed from stays
 * left — and each is tried once per session (a channel private to a role refuses, quietly).
 * Runs whenever the rooms snapshot is rebuilt; returns the unsubscribe.
 */
export function bindChannelJoins(client: ChannelJoinClient, rooms: RoomsStoreApi): () => void {
  const tried = new Set<string>();
  const viaOf = (space: Room, childId: string): string[] => {
    const via = space.currentState
      .getStateEvents(EventTypes.SpaceChild, childId)
      ?.getContent<{ via?: unknown }>().via;
    return Array.isArray(via) ? via.filter((v): v is string => typeof v === 'string') : [];
  };
  const scan = () => {
    for (const space of client.getRooms()) {
      if (!isServer(space) || space.getMyMembership() !== 'join') continue;
      for (const childId of childIdsOf(space)) {
        if (tried.has(childId) || client.getRoom(childId)) continue;
        tried.add(childId);
        client.joinRoom(childId, { viaServers: viaOf(space, childId) }).catch(() => undefined);
      }
    }
  };
  scan();
  return rooms.subscribe(scan);
}
