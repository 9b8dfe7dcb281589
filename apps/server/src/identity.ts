import { createHash } from 'node:crypto';

/** The slot legacy `/sfu/get` requests use: the room's one call. */
export const LEGACY_SLOT_ID = 'm.call#ROOM';

const sha256Base64 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('base64').replace(/=+$/, '');

/** LiveKit room name for a Matrix room's call slot (lk-jwt-service compatible). */
export function livekitRoomAlias(roomId: string, slotId: string): string {
  return sha256Base64(JSON.stringify([roomId, slotId]));
}

/** LiveKit participant identity for one member (lk-jwt-service compatible). */
export function livekitIdentity(userId: string, deviceId: string, memberId: string): string {
  return sha256Base64(JSON.stringify([userId, deviceId, memberId]));
}
