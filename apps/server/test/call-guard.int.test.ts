import { describe, expect, inject, it } from 'vitest';
import { DisconnectReason } from '@livekit/rtc-node';
import { matrixRequest, registerUser, requestOpenIdToken } from '@haos/stack';
import {
  connect,
  join,
  roomService,
  roomWithMember,
  sendCallMembership,
  sfuToken,
  unique,
} from './trust-helpers.js';

const stack = inject('stack');

/**
 * Only the right people stay in a call (issue 13 §2), against the real Synapse (pushing room
 * events to haos-server as an application service) and the real LiveKit.
 */
describe('leaving Matrix ends the call', () => {
  it('removes a banned participant from LiveKit as soon as the homeserver pushes the ban', async () => {
    const { hs, owner, member, roomId } = await roomWithMember(stack);
    await sendCallMembership(hs, stack.urls.server, member, roomId);
    const call = await connect(await sfuToken(stack, member, roomId));
    try {
      const banned = Date.now();
      await matrixRequest(
        hs,
        owner,
        'POST',
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/ban`,
        {
          user_id: member.userId,
          reason: 'test',
        },
      );
      expect(await call.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);
      process.stdout.write(`[figure] ban → removed from LiveKit: ${Date.now() - banned} ms\n`);
      const left = await roomService(stack).listParticipants(call.alias);
      expect(left.map((p) => p.identity)).not.toContain(call.identity);
    } finally {
      await call.room.disconnect();
    }
  }, 120_000);

  it('removes a participant who leaves the Matrix room, and keeps the others', async () => {
    const { hs, owner, member, roomId } = await roomWithMember(stack);
    await sendCallMembership(hs, stack.urls.server, owner, roomId);
    await sendCallMembership(hs, stack.urls.server, member, roomId);
    const ownerCall = await connect(await sfuToken(stack, owner, roomId));
    const memberCall = await connect(await sfuToken(stack, member, roomId));
    try {
      await matrixRequest(
        hs,
        member,
        'POST',
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/leave`,
        {},
      );
      expect(await memberCall.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);
      expect(ownerCall.room.isConnected).toBe(true);
      // Having left, the member gets no new token either (the cached "joined" answer is gone).
      const openid = await requestOpenIdToken(hs, member);
      const again = await fetch(`${stack.urls.server}/sfu/get`, {
        method: 'POST',
        body: JSON.stringify({ room: roomId, openid_token: openid, device_id: member.deviceId }),
      });
      expect(again.status).toBe(403);
    } finally {
      await ownerCall.room.disconnect();
      await memberCall.room.disconnect();
    }
  }, 120_000);
});

describe('no invisible listeners', () => {
  it('removes a member who connects to LiveKit without a call membership, after the grace period, and keeps one with a membership', async () => {
    const { hs, owner, member: lurker, roomId } = await roomWithMember(stack);
    await sendCallMembership(hs, stack.urls.server, owner, roomId);
    const ownerCall = await connect(await sfuToken(stack, owner, roomId));
    // The lurker is a joined member with a valid token, and never sends a call membership.
    const lurkerCall = await connect(await sfuToken(stack, lurker, roomId));
    try {
      expect(await lurkerCall.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);
      // The owner joined first, so its own check has run by now: it is still there.
      expect(ownerCall.room.isConnected).toBe(true);
      const left = await roomService(stack).listParticipants(ownerCall.alias);
      expect(left.map((p) => p.identity)).toEqual([ownerCall.identity]);
    } finally {
      await ownerCall.room.disconnect();
      await lurkerCall.room.disconnect();
    }
  }, 120_000);

  it('keeps a participant that sends its membership after connecting (within the grace)', async () => {
    const { hs, member, roomId } = await roomWithMember(stack);
    const other = await registerUser(hs, `lurker-${unique()}`);
    await join(hs, other, roomId);
    const memberCall = await connect(await sfuToken(stack, member, roomId));
    await sendCallMembership(hs, stack.urls.server, member, roomId);
    const lurkerCall = await connect(await sfuToken(stack, other, roomId));
    try {
      expect(await lurkerCall.disconnected).toBe(DisconnectReason.PARTICIPANT_REMOVED);
      expect(memberCall.room.isConnected).toBe(true);
    } finally {
      await memberCall.room.disconnect();
      await lurkerCall.room.disconnect();
    }
  }, 120_000);
});

describe('other clients can get in', () => {
  const ELEMENT_CALL = 'https://call.element.example';

  it.each(['/sfu/get', '/get_token'])(
    'answers the CORS preflight Element Call sends for %s from its own origin',
    async (path) => {
      const response = await fetch(`${stack.urls.server}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: ELEMENT_CALL,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
      expect(response.status).toBeLessThan(300);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    },
  );

  it('gives a token to a request from a foreign origin, readable by that page', async () => {
    const { hs, member, roomId } = await roomWithMember(stack);
    const openid = await requestOpenIdToken(hs, member);
    const response = await fetch(`${stack.urls.server}/get_token`, {
      method: 'POST',
      headers: { Origin: ELEMENT_CALL, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        room_id: roomId,
        slot_id: 'm.call#ROOM',
        openid_token: openid,
        member: {
          id: `${member.userId}:${member.deviceId}`,
          claimed_user_id: member.userId,
          claimed_device_id: member.deviceId,
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await response.json()) as { jwt?: string }).jwt).toBeTruthy();
  });
});
