import { createHmac, timingSafeEqual } from 'node:crypto';
import { goJsonStringArray, livekitRoomAlias } from './identity.js';

/**
 * Who a LiveKit participant is, in Matrix terms. The identity of a `/get_token` participant is a
 * hash and a `/sfu/get` one is "<user>:<device>" (ambiguous when a device ID holds a colon), so
 * the service puts the verified user and device into the JWT as a participant attribute, with a
 * MAC over the room, identity, user and device. A participant can rewrite its own attributes
 * (`canUpdateOwnMetadata`), but it cannot forge the MAC, and copying another participant's value
 * fails because the MAC binds the identity LiveKit itself enforces. A participant whose value is
 * missing or broken cannot be attributed, and is treated as having no call membership.
 */
export const GRANT_ATTRIBUTE = 'haos.member';

export interface ParticipantOwner {
  userId: string;
  deviceId: string;
}

export type GrantKey = Buffer;

export function grantKey(livekitSecret: string): GrantKey {
  return createHmac('sha256', livekitSecret).update('haos participant grant v1').digest();
}

function mac(key: GrantKey, alias: string, identity: string, owner: ParticipantOwner): Buffer {
  return createHmac('sha256', key)
    .update(goJsonStringArray([alias, identity, owner.userId, owner.deviceId]))
    .digest()
    .subarray(0, 16);
}

export function signGrant(
  key: GrantKey,
  alias: string,
  identity: string,
  owner: ParticipantOwner,
): string {
  const payload = Buffer.from(JSON.stringify([owner.userId, owner.deviceId])).toString('base64url');
  return `${payload}.${mac(key, alias, identity, owner).toString('base64url')}`;
}

export function verifyGrant(
  key: GrantKey,
  alias: string,
  identity: string,
  value: string | undefined,
): ParticipantOwner | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  const [payload, tag, extra] = value.split('.');
  if (payload === undefined || tag === undefined || extra !== undefined) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== 2 ||
    typeof parts[0] !== 'string' ||
    typeof parts[1] !== 'string'
  ) {
    return undefined;
  }
  const owner = { userId: parts[0], deviceId: parts[1] };
  const expected = mac(key, alias, identity, owner);
  const given = Buffer.from(tag, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? owner : undefined;
}

/** The Matrix call a LiveKit room belongs to: set by the service as room metadata at creation
 * (participants cannot change room metadata: that needs roomAdmin, which no token carries). */
export interface CallRoom {
  roomId: string;
  slotId: string;
}

export function callRoomMetadata(call: CallRoom): string {
  return JSON.stringify({ haos: { room_id: call.roomId, slot_id: call.slotId } });
}

/** Reads the metadata back; undefined for LiveKit rooms that are not HAOS calls. */
export function parseCallRoom(alias: string, metadata: string | undefined): CallRoom | undefined {
  if (!metadata) return undefined;
  try {
    const parsed = (JSON.parse(metadata) as { haos?: { room_id?: unknown; slot_id?: unknown } })
      .haos;
    if (typeof parsed?.room_id !== 'string' || typeof parsed.slot_id !== 'string') return undefined;
    const call = { roomId: parsed.room_id, slotId: parsed.slot_id };
    return livekitRoomAlias(call.roomId, call.slotId) === alias ? call : undefined;
  } catch {
    return undefined;
  }
}
