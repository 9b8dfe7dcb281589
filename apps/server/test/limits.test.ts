import { afterEach, describe, expect, it } from 'vitest';
import { ALICE, getToken, harness, sfuGet, type Harness } from './harness.js';

/**
 * Rate limits sized for real clients (issue 13 §1): a budget per join, not per request; refused
 * requests spend nothing; one person's reconnect storm is normal; a flood from one address is
 * still refused before any work.
 */

const DEFAULTS = {
  rateLimitPerIpPerMinute: 300,
  rateLimitPerUserPerMinute: 60,
  rateLimitJoinsPerUserPerMinute: 10,
};

let h: Harness;
afterEach(async () => {
  await h?.app.close();
});

const post = (url: string, payload: object, remoteAddress = '192.0.2.1') =>
  h.app.inject({ method: 'POST', url, payload, remoteAddress });

/** What Element Call sends per join: /get_token once, /sfu/get six times, two with delegation. */
async function elementCallJoin(device = 'ECDEVICE'): Promise<number[]> {
  const statuses: number[] = [];
  const member = { id: `${ALICE}:${device}`, claimed_user_id: ALICE, claimed_device_id: device };
  statuses.push(
    (
      await post('/get_token', {
        ...getToken('alice-openid', member),
        delay_id: 'syd_a',
        delay_timeout: 10000,
      })
    ).statusCode,
  );
  for (let i = 0; i < 6; i++) {
    const delegation = i === 0 ? { delay_id: 'syd_b', delay_timeout: 10000 } : {};
    statuses.push(
      (await post('/sfu/get', sfuGet('alice-openid', { device_id: device, ...delegation })))
        .statusCode,
    );
  }
  return statuses;
}

describe('rate limits', () => {
  it("lets Element Call's join pattern through five times in a minute (a reconnect storm)", async () => {
    h = await harness(DEFAULTS);
    for (let join = 0; join < 5; join++) {
      expect(await elementCallJoin()).toEqual([200, 200, 200, 200, 200, 200, 200]);
    }
  });

  it('counts a join per user, device and call, not per request', async () => {
    h = await harness({ ...DEFAULTS, rateLimitJoinsPerUserPerMinute: 3 });
    for (const device of ['D1', 'D2', 'D3']) {
      for (let i = 0; i < 4; i++) {
        expect(
          (await post('/sfu/get', sfuGet('alice-openid', { device_id: device }))).statusCode,
        ).toBe(200);
      }
    }
    const fourthJoin = await post('/sfu/get', sfuGet('alice-openid', { device_id: 'D4' }));
    expect(fourthJoin.statusCode).toBe(429);
    expect(fourthJoin.json()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED' });
    expect(fourthJoin.json<{ retry_after_ms: number }>().retry_after_ms).toBeGreaterThan(0);
    // The joins already made go on being answered.
    expect((await post('/sfu/get', sfuGet('alice-openid', { device_id: 'D2' }))).statusCode).toBe(
      200,
    );
  });

  it('keeps a per-user ceiling on requests, whatever IP they come from', async () => {
    h = await harness({ ...DEFAULTS, rateLimitPerUserPerMinute: 3 });
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      expect((await post('/sfu/get', sfuGet(), ip)).statusCode).toBe(200);
    }
    expect((await post('/sfu/get', sfuGet(), '192.0.2.4')).statusCode).toBe(429);
  });

  it("does not spend a user's budget on refused requests (bad JSON, 401, 403)", async () => {
    h = await harness({
      ...DEFAULTS,
      rateLimitPerUserPerMinute: 2,
      rateLimitJoinsPerUserPerMinute: 1,
    });
    for (let i = 0; i < 10; i++) {
      // Bob is not in the room: 403 after his token was verified.
      expect(
        (await post('/sfu/get', sfuGet('bob-openid', { device_id: `B${i}` }))).statusCode,
      ).toBe(403);
      expect((await post('/sfu/get', { ...sfuGet('bob-openid'), device_id: 42 })).statusCode).toBe(
        400,
      );
      expect((await post('/sfu/get', sfuGet('forged'))).statusCode).toBe(401);
    }
    h.hs.rooms.get('!voice:hs.test')?.push('@bob:hs.test');
    expect((await post('/sfu/get', sfuGet('bob-openid'))).statusCode).toBe(200);
  });

  it('refuses a flood from one address before any work, and not other addresses', async () => {
    h = await harness(DEFAULTS);
    const statuses: number[] = [];
    for (let i = 0; i < 320; i++)
      statuses.push((await post('/sfu/get', { junk: i }, '198.51.100.7')).statusCode);
    expect(statuses.slice(0, 300).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(300).every((s) => s === 429)).toBe(true);
    const limited = await post('/sfu/get', sfuGet(), '198.51.100.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ retry_after_ms: number }>().retry_after_ms).toBeGreaterThan(0);
    expect(h.hs.calls).toEqual([]);
    expect((await post('/sfu/get', sfuGet(), '198.51.100.8')).statusCode).toBe(200);
  });
});

describe('request log', () => {
  it('writes one line per request, and counts refusals beyond 20 a second instead of writing them', async () => {
    let clock = 1_000_000;
    h = await harness(DEFAULTS, { deps: { now: () => clock } });
    await post('/sfu/get', sfuGet());
    for (let i = 0; i < 100; i++) await post('/sfu/get', { junk: i }, '198.51.100.9');
    clock += 1000;
    await post('/sfu/get', { junk: 'next second' }, '198.51.100.9');
    const lines = h
      .logs()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => l.msg === 'request')).toBe(true);
    expect(lines.filter((l) => l.status === 200)).toHaveLength(1);
    const refusals = lines.filter((l) => l.status === 400);
    expect(refusals).toHaveLength(21);
    expect(refusals.at(-1)).toMatchObject({ errcode: 'M_BAD_JSON', unloggedRefusals: 80 });
    expect(lines.every((l) => !JSON.stringify(l).includes('alice-openid'))).toBe(true);
  });
});
