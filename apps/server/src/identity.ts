import { createHash } from 'node:crypto';

/** The slot legacy `/sfu/get` requests use: the room's one call. */
export const LEGACY_SLOT_ID = 'm.call#ROOM';

/**
 * JSON of a string array exactly as Go's encoding/json writes it (lk-jwt-service hashes that):
 * JSON.stringify, plus Go's HTML-safe escapes of <, >, & and the JavaScript line separators.
 */
export function goJsonStringArray(values: readonly string[]): string {
  return JSON.stringify(values).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const sha256UnpaddedBase64 = (text: string) =>
  createHash('sha256').update(text, 'utf8').digest('base64').replace(/=+$/, '');

/**
 * LiveKit room name for a Matrix room's call slot, as lk-jwt-service computes it:
 * unpadded standard base64 of SHA-256 of the JSON array [room_id, slot_id].
 */
export function livekitRoomAlias(roomId: string, slotId: string): string {
  return sha256UnpaddedBase64(goJsonStringArray([roomId, slotId]));
}

/**
 * LiveKit participant identity for a `/get_token` member (MSC4195), as lk-jwt-service computes
 * it: unpadded standard base64 of SHA-256 of the JSON array [user_id, device_id, member_id].
 */
export function livekitIdentity(userId: string, deviceId: string, memberId: string): string {
  return sha256UnpaddedBase64(goJsonStringArray([userId, deviceId, memberId]));
}

/**
 * LiveKit participant identity for a legacy `/sfu/get` request: "<user_id>:<device_id>", which
 * matches the membership ID of session-style call membership events, so other clients can map a
 * participant's media back to its membership.
 */
export function legacyLivekitIdentity(userId: string, deviceId: string): string {
  return `${userId}:${deviceId}`;
}
