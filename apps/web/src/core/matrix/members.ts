import type { MatrixClient } from 'matrix-js-sdk';
import { parseStatusMessage } from './status-message';

export { DND_STATUS_MESSAGE } from './status-message';

export type Status = 'online' | 'idle' | 'dnd' | 'offline';

export interface MemberView {
  userId: string;
  name: string;
  powerLevel: number;
  status: Status;
  /** What their status message says they are doing ("In voice: General"), while not offline. */
  activity: string | undefined;
}

/** Discord-style status from Matrix presence (online/unavailable/offline plus status message). */
export function statusOf(presence: string | undefined, statusMessage: string | undefined): Status {
  if (presence === 'busy') return 'dnd'; // MSC3026, where a homeserver supports it.
  if (presence === 'online') return parseStatusMessage(statusMessage).dnd ? 'dnd' : 'online';
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
      const { status, activity } = presenceOf(client, m.userId);
      return { userId: m.userId, name: m.name, powerLevel: m.powerLevel, status, activity };
    })
    .sort((a, b) => b.powerLevel - a.powerLevel || a.name.localeCompare(b.name));
}

/** Someone's status and activity, from their latest presence event. */
export function presenceOf(
  client: Pick<MatrixClient, 'getUser'>,
  userId: string,
): { status: Status; activity: string | undefined } {
  const user = client.getUser(userId);
  // The latest presence event, not user.presenceStatusMsg, which never clears.
  const message = user?.events.presence?.getContent<{ status_msg?: string }>().status_msg;
  const status = statusOf(user?.presence, message);
  return {
    status,
    activity: status === 'offline' ? undefined : parseStatusMessage(message).activity,
  };
}
