import type { HierarchyRoom, MatrixClient, Room } from 'matrix-js-sdk';
import { EventTypes, RoomTypes } from './event-types';
import { childIdsOf, isServer } from './room-snapshot';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import type { OfferedRoom, OfferedRoomsStoreApi } from '../../stores/offered-rooms-store';

export type ChannelJoinClient = Pick<
  MatrixClient,
  'getRooms' | 'getRoom' | 'joinRoom' | 'getRoomHierarchy' | 'roomState'
>;

/** What the homeserver's hierarchy says about a child room HAOS has not joined. */
export type ChildSummary = Pick<HierarchyRoom, 'room_id' | 'name' | 'world_readable'> & {
  /** Any join rule, including those the SDK's type leaves out (restricted, knock_restricted). */
  join_rule?: string;
  room_type?: string;
  /** Rooms whose members may join a restricted room (Synapse, MSC3173). */
  allowed_room_ids?: unknown;
};

/** The room's state as another client may read it before joining (world-readable rooms). */
type StateEvent = { type: string; state_key?: string; sender: string; content: unknown };

/**
 * Whether a room a server lists is the server's own, so that members join it without being
 * asked ('join'), a room they may join with a click ('offer'), or one to leave out ('hide').
 *
 * A moderator can list any room as a child of a space (m.space.child is the space's word
 * alone). A room belongs to the server only when the room says so too:
 * - its join rule is restricted to members of this space (the room's own admins chose that), or
 * - it is public, and its `m.space.parent` names this space and was sent by someone with the
 *   power to add children to the space (the spec's rule for a valid parent). HAOS can read a
 *   room's state before joining only when it is world-readable, so other public rooms are
 *   offered, never joined silently.
 */
export function childVerdict(
  space: Pick<Room, 'roomId' | 'currentState'>,
  child: ChildSummary | undefined,
  state: StateEvent[] | undefined,
): 'join' | 'offer' | 'hide' {
  if (!child) return 'hide';
  const rule = child.join_rule;
  if (rule === 'restricted' || rule === 'knock_restricted') {
    const allowed = Array.isArray(child.allowed_room_ids) ? child.allowed_room_ids : [];
    return allowed.includes(space.roomId) ? 'join' : 'offer';
  }
  if (rule !== 'public' && rule !== undefined) return 'hide';
  return hasValidParent(space, state) ? 'join' : 'offer';
}

function hasValidParent(
  space: Pick<Room, 'roomId' | 'currentState'>,
  state: StateEvent[] | undefined,
): boolean {
  const parent = state?.find(
    (e) => e.type === EventTypes.SpaceParent && e.state_key === space.roomId,
  );
  if (!parent) return false;
  const via = (parent.content as { via?: unknown } | null)?.via;
  if (!Array.isArray(via) || via.length === 0) return false;
  return space.currentState.maySendStateEvent(EventTypes.SpaceChild, parent.sender);
}

const RETRY_MS = 30_000;

function viaOf(space: Room, childId: string): string[] {
  const via = space.currentState
    .getStateEvents(EventTypes.SpaceChild, childId)
    ?.getContent<{ via?: unknown }>().via;
  return Array.isArray(via) ? via.filter((v): v is string => typeof v === 'string') : [];
}

/** Decides for each child of `space` not joined yet; returns the ones to join and to offer. */
export async function sortChildren(
  client: Pick<ChannelJoinClient, 'getRoomHierarchy' | 'roomState'>,
  space: Room,
  childIds: string[],
): Promise<{ join: string[]; offer: OfferedRoom[] }> {
  const hierarchy = await client.getRoomHierarchy(space.roomId, 200, 1);
  const summaries = new Map(hierarchy.rooms.map((r) => [r.room_id, r as unknown as ChildSummary]));
  const join: string[] = [];
  const offer: OfferedRoom[] = [];
  for (const id of childIds) {
    const summary = summaries.get(id);
    const readable = summary?.join_rule === 'public' && summary.world_readable;
    const state = readable
      ? ((await client.roomState(id).catch(() => undefined)) as StateEvent[] | undefined)
      : undefined;
    const verdict = childVerdict(space, summary, state);
    if (verdict === 'join') join.push(id);
    else if (verdict === 'offer' && summary)
      offer.push({
        id,
        name: summary.name?.trim() || id,
        kind: summary.room_type === RoomTypes.Call ? 'voice' : 'text',
        via: viaOf(space, id),
      });
  }
  return { join, offer };
}

/**
 * Channels added to a server after you joined it: joins those that belong to the server (see
 * childVerdict), as Discord shows a new channel to every member, and offers the others for a
 * click. Only channels you have never been in — one you left or were removed from stays left —
 * and each is decided once per session (a channel private to a role refuses, quietly). Runs
 * whenever the rooms snapshot is rebuilt; returns the unsubscribe.
 */
export function bindChannelJoins(
  client: ChannelJoinClient,
  rooms: RoomsStoreApi,
  offered: OfferedRoomsStoreApi,
): () => void {
  const decided = new Set<string>();
  const offers = new Map<string, OfferedRoom[]>();
  let stopped = false;
  const publish = () => {
    const bySpace: Record<string, OfferedRoom[]> = {};
    for (const space of client.getRooms()) {
      const list = offers.get(space.roomId);
      if (!list || !isServer(space) || space.getMyMembership() !== 'join') continue;
      const children = new Set(childIdsOf(space));
      const open = list.filter(
        (o) => children.has(o.id) && client.getRoom(o.id)?.getMyMembership() !== 'join',
      );
      if (open.length > 0) bySpace[space.roomId] = open;
    }
    const before = offered.getState().bySpace;
    if (JSON.stringify(before) !== JSON.stringify(bySpace)) offered.setState({ bySpace });
  };
  const decide = async (space: Room, childIds: string[]) => {
    const { join, offer } = await sortChildren(client, space, childIds);
    if (stopped) return;
    for (const id of join)
      client.joinRoom(id, { viaServers: viaOf(space, id) }).catch(() => undefined);
    offers.set(space.roomId, [
      ...(offers.get(space.roomId) ?? []).filter((o) => !offer.some((n) => n.id === o.id)),
      ...offer,
    ]);
    publish();
  };
  const scan = () => {
    for (const space of client.getRooms()) {
      if (!isServer(space) || space.getMyMembership() !== 'join') continue;
      const fresh = childIdsOf(space).filter((id) => !decided.has(id) && !client.getRoom(id));
      if (fresh.length === 0) continue;
      for (const id of fresh) decided.add(id);
      decide(space, fresh).catch(() => {
        // The hierarchy could not be read (offline?): decide again a little later.
        setTimeout(() => {
          for (const id of fresh) decided.delete(id);
          if (!stopped) scan();
        }, RETRY_MS);
      });
    }
    publish();
  };
  scan();
  const unsubscribe = rooms.subscribe(scan);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
