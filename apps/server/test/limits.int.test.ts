import { describe, expect, inject, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { requestOpenIdToken } from '@haos/stack';
import { roomWithMember } from './trust-helpers.js';

const stack = inject('stack');

/** Rate limits against the real stack, with haos-server's default budgets. */
describe('rate limits sized for real clients', () => {
  it("answers Element Call's join pattern (/get_token once, /sfu/get six times) five times in a minute", async () => {
    const { hs, member, roomId } = await roomWithMember(stack);
    const statuses: number[] = [];
    for (let join = 0; join < 5; join++) {
      const openid = await requestOpenIdToken(hs, member);
      const send = async (path: string, body: object) => {
        const response = await fetch(`${stack.urls.server}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: 'https://call.element.example' },
          body: JSON.stringify(body),
        });
        await response.body?.cancel();
        statuses.push(response.status);
      };
      await send('/get_token', {
        room_id: roomId,
        slot_id: 'm.call#ROOM',
        openid_token: openid,
        member: {
          id: `${member.userId}:${member.deviceId}`,
          claimed_user_id: member.userId,
          claimed_device_id: member.deviceId,
        },
      });
      for (let i = 0; i < 6; i++) {
        await send('/sfu/get', { room: roomId, openid_token: openid, device_id: member.deviceId });
      }
    }
    expect(statuses).toEqual(Array.from({ length: 35 }, () => 200));
  });

  it('refuses a flood from one address with 429, while other addresses are still served', async () => {
    // Another loopback address, so the flood spends its own budget, not the other tests'.
    const flooder = new Agent({ localAddress: '127.0.0.9' });
    try {
      const statuses = new Map<number, number>();
      for (let batch = 0; batch < 8; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, async () => {
            const response = await undiciFetch(`${stack.urls.server}/sfu/get`, {
              method: 'POST',
              body: '{"junk": true}',
              dispatcher: flooder,
            });
            await response.body?.cancel();
            return response.status;
          }),
        );
        for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      expect(statuses.get(429)).toBeGreaterThanOrEqual(100);
      const { hs, member, roomId } = await roomWithMember(stack);
      const openid = await requestOpenIdToken(hs, member);
      const served = await fetch(`${stack.urls.server}/sfu/get`, {
        method: 'POST',
        body: JSON.stringify({ room: roomId, openid_token: openid, device_id: member.deviceId }),
      });
      expect(served.status).toBe(200);
    } finally {
      await flooder.close();
    }
  });
});
