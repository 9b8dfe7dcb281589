import { Method, type MatrixClient, type Room } from 'matrix-js-sdk';
import { EventTypes, RoomTypes } from './event-types';

/**
 * Someone else ended your membership of a room: a kick (membership `leave` sent by another
 * user) or a ban. What the person is told: who did it, and the reason they gave, if any.
 */
export interface Removal {
  roomId: string;
  /** The room's name as last known; the room ID when nothing better is known. */
  roomName: string;
  isServer: boolean;
  how: 'kick' | 'ban';
  by: string;
  /** The remover's display name in the room, or their user ID. */
  byName: string;
  /** The reason as they gave it (shown as text, never as HTML). */
  reason: string | undefined;
}

/** What HAOS knows about a room you are not in. */
export type RemovalLookup =
  | { status: 'checking' }
  | { status: 'removed'; removal: Removal }
  /** Never in it, left it yourself, or the homeserver would not say. */
  | { status: 'not-member' };

interface MemberEventLike {
  sender: string;
  content: { membership?: unknown; reason?: unknown };
}

const cleanReason = (reason: unknown): string | undefined =>
  typeof reason === 'string' && reason.trim() !== '' ? reason.trim().slice(0, 500) : undefined;

/** The removal an own membership event describes, or undefined when it is not one. */
export function removalFrom(
  event: MemberEventLike,
  me: string,
  room: { roomId: string; roomName: string; isServer: boolean; nameOf: (userId: string) => string },
): Removal | undefined {
  const membership = event.content.membership;
  if (membership !== 'leave' && membership !== 'ban') return undefined;
  if (event.sender === me || !event.sender) return undefined;
  return {
    roomId: room.roomId,
    roomName: room.roomName,
    isServer: room.isServer,
    how: membership === 'ban' ? 'ban' : 'kick',
    by: event.sender,
    byName: room.nameOf(event.sender),
    reason: cleanReason(event.content.reason),
  };
}

/** A removal from a room the client still holds (you were removed while HAOS was running). */
export function removalOfRoom(room: Room, me: string): Removal | undefined {
  const membership = room.getMyMembership();
  if (membership !== 'leave' && membership !== 'ban') return undefined;
  const event = room.currentState.getStateEvents(EventTypes.RoomMember, me);
  if (!event) return undefined;
  return removalFrom({ sender: event.getSender() ?? '', content: event.getContent() }, me, {
    roomId: room.roomId,
    roomName: room.name,
    isServer: room.getType() === RoomTypes.Space,
    nameOf: (userId) => room.getMember(userId)?.name ?? userId,
  });
}

type LookupClient = Pick<MatrixClient, 'getRoom' | 'getUserId' | 'http'>;

interface StateEventJson {
  sender?: unknown;
  content?: Record<string, unknown>;
}

/**
 * Why you are not in a room: from the client when it still holds the room, else from the
 * homeserver, which serves a left room's state as it was when you left (the spec's
 * GET /rooms/{roomId}/state/{type}/{key}) — so a removal is explained after a reload too.
 */
export async function lookUpRemoval(client: LookupClient, roomId: string): Promise<RemovalLookup> {
  const me = client.getUserId() ?? '';
  const room = client.getRoom(roomId);
  if (room && room.getMyMembership() === 'join') return { status: 'not-member' };
  const local = room ? removalOfRoom(room, me) : undefined;
  if (local) return { status: 'removed', removal: local };
  const state = async (type: string, key: string): Promise<StateEventJson | undefined> => {
    const path = `/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/${encodeURIComponent(key)}`;
    try {
      // format=event: the whole event, so the sender is known (Synapse; else content only).
      return await client.http.authedRequest<StateEventJson>(Method.Get, path, { format: 'event' });
    } catch {
      return undefined;
    }
  };
  const contentOf = (event: StateEventJson | undefined) =>
    event?.content && typeof event.content === 'object' ? event.content : undefined;
  const [own, name, create] = await Promise.all([
    state(EventTypes.RoomMember, me),
    state(EventTypes.RoomName, ''),
    state(EventTypes.RoomCreate, ''),
  ]);
  const ownContent = contentOf(own);
  if (!own || !ownContent) return { status: 'not-member' };
  const sender = typeof own.sender === 'string' ? own.sender : '';
  const senderName = sender ? contentOf(await state(EventTypes.RoomMember, sender)) : undefined;
  const roomName = contentOf(name)?.name;
  const removal = removalFrom({ sender, content: ownContent }, me, {
    roomId,
    roomName: typeof roomName === 'string' && roomName.trim() ? roomName.trim() : roomId,
    isServer: contentOf(create)?.type === RoomTypes.Space,
    nameOf: (userId) => {
      const display = senderName?.displayname;
      return userId === sender && typeof display === 'string' && display.trim()
        ? display.trim()
        : userId;
    },
  });
  return removal ? { status: 'removed', removal } : { status: 'not-member' };
}
