import type { MatrixClient } from 'matrix-js-sdk';

export interface MemberView {
  userId: string;
  name: string;
  powerLevel: number;
  presence: 'online' | 'unavailable' | 'offline';
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
      const presence = client.getUser(m.userId)?.presence;
      return {
        userId: m.userId,
        name: m.name,
        powerLevel: m.powerLevel,
        presence: presence === 'online' || presence === 'unavailable' ? presence : 'offline',
      };
    })
    .sort((a, b) => b.powerLevel - a.powerLevel || a.name.localeCompare(b.name));
}
