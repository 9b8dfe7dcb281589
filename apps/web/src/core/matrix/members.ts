import type { MatrixClient } from 'matrix-js-sdk';

export type Status = 'online' | 'idle' | 'dnd' | 'offline';

/** The status message HAOS sets for Do Not Disturb (Matrix presence has no such state). */
export const DND_STATUS_MESSAGE = 'Do not disturb';

export interface MemberView {
  userId: string;
  name: string;
  powerLevel: number;
  status: Status;
}

/** Discord-style status from Matrix presence (online/unavailable/offline plus status message). */
export function statusOf(presence: string | undefined, statusMessage: string | undefined): Status {
  if (presence === 'busy') return 'dnd'; // MSC3026, where a homeserver supports it.
  if (presence === 'online') return statusMessage === DND_STATUS_MESSAGE ? 'dnd' : 'online';
  if (presence === 'unavailable') return 'idle';
  return 'offline';
}

/** Joined members of a room, by power level then name. */
export function membersOf(
  client: Pick<MatrixClient, 'getRoom' | 'getUser'>,
  roomId: string,
): MemberView[] {
  const room = client.getRoom(roomId);
  if (!room) return [];
  return room
    .getJoinedMembers()
    .map((m): MemberView => {
      const user = client.getUser(m.userId);
      return {
        userId: m.userId,
        name: m.name,
        powerLevel: m.powerLevel,
        // The latest presence event, not user.presenceStatusMsg, which never clears.
        status: statusOf(
          user?.presence,
          user?.events.presence?.getContent<{ status_msg?: string }>().status_msg,
        ),
      };
    })
    .sort((a, b) => b.powerLevel - a.powerLevel || a.name.localeCompare(b.name));
}
