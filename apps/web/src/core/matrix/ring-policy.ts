import type { MatrixClient, Room } from 'matrix-js-sdk';
import { EventTypes } from './event-types';

/** What HAOS keeps in a room's account data about calls ringing you there. */
interface RingPolicyContent {
  /** Calls started in this room may ring you (prompt and ringtone), as in a DM. */
  allow_rings?: unknown;
}

/**
 * Whether a call started in this room may ring you: always in a DM; elsewhere only where you
 * said so (a per-room setting in your room account data, so it follows you to every device and
 * no one else can set it).
 */
export function ringsAllowed(room: Pick<Room, 'getAccountData'>, isDirect: boolean): boolean {
  if (isDirect) return true;
  const content = room.getAccountData(EventTypes.HaosRingPolicy)?.getContent<RingPolicyContent>();
  return content?.allow_rings === true;
}

/** Lets calls in a room ring you, or stops them (they then notify you quietly at most). */
export async function setRingsAllowed(
  client: Pick<MatrixClient, 'setRoomAccountData'>,
  roomId: string,
  allowed: boolean,
): Promise<void> {
  await client.setRoomAccountData(roomId, EventTypes.HaosRingPolicy, { allow_rings: allowed });
}
