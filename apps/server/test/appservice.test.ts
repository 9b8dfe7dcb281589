import { afterEach, describe, expect, it } from 'vitest';
import { livekitRoomAlias, LEGACY_SLOT_ID } from '../src/identity.js';
import { ALICE, harness, participantFromJwt, ROOM, sfuGet, type Harness } from './harness.js';
import { sendWebhook } from './webhooks.js';

/**
 * haos-server as an application service: the homeserver pushes room events, authenticated with
 * the registration's hs_token; membership changes end calls and drop cached answers.
 * (call-guard.int.test.ts does the same with the real Synapse and LiveKit.)
 */

const HS_TOKEN = 'hs-token-secret-value';
const appservice = {
  serverName: 'hs.test',
  id: 'haos',
  asToken: 'as-token-secret-value',
  hsToken: HS_TOKEN,
};
const alias = livekitRoomAlias(ROOM, LEGACY_SLOT_ID);

let h: Harness;
afterEach(async () => {
  await h?.app.close();
});

let txn = 0;
const push = (events: object[], token: string | null = HS_TOKEN, id = `t${++txn}`) =>
  h.app.inject({
    method: 'PUT',
    url: `/_matrix/app/v1/transactions/${id}`,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    payload: { events },
  });

const member = (userId: string, membership: string, sender = userId) => ({
  type: 'm.room.member',
  room_id: ROOM,
  sender,
  state_key: userId,
  origin_server_ts: Date.now(),
  content: { membership },
});

/** Alice gets a token and "connects": the fake LiveKit lists her as the JWT made her. */
async function aliceInCall() {
  const response = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
  const participant = participantFromJwt(response.json<{ jwt: string }>().jwt);
  h.lk.participants.set(alias, [...(h.lk.participants.get(alias) ?? []), participant]);
  return participant;
}

describe('PUT /_matrix/app/v1/transactions/{txnId}', () => {
  it('wants the hs_token: 401 without, 403 when wrong', async () => {
    h = await harness({ appservice });
    expect((await push([], null)).statusCode).toBe(401);
    const wrong = await push([], 'not-the-token');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    expect((await push([])).json()).toEqual({});
  });

  it('is not served without an appservice registration', async () => {
    h = await harness();
    expect((await push([])).statusCode).toBe(404);
  });

  it.each(['ban', 'leave'])(
    'removes a user from the call on %s, and forgets they were joined',
    async (membership) => {
      h = await harness({ appservice });
      const alice = await aliceInCall();
      const callsBefore = h.hs.calls.length;
      // A second request is answered from the cache of "joined" answers.
      await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
      expect(h.hs.calls.filter((c) => c.includes('joined_rooms')).length).toBe(1);
      expect(h.hs.calls.length).toBe(callsBefore + 1);

      h.hs.rooms.set(ROOM, ['@carol:remote.example']);
      expect(
        (await push([member(ALICE, membership, membership === 'ban' ? '@mod:hs.test' : ALICE)]))
          .statusCode,
      ).toBe(200);
      expect(h.lk.removed).toEqual([{ alias, identity: alice.identity }]);
      const again = await h.app.inject({ method: 'POST', url: '/sfu/get', payload: sfuGet() });
      expect(again.statusCode).toBe(403);
    },
  );

  it('leaves other members in the call, and ignores participants it cannot attribute to the user', async () => {
    h = await harness({ appservice });
    await aliceInCall();
    await push([member('@bob:hs.test', 'ban', ALICE)]);
    expect(h.lk.removed).toEqual([]);
  });

  it('handles a retried transaction once', async () => {
    h = await harness({ appservice });
    await aliceInCall();
    await push([member(ALICE, 'leave')], HS_TOKEN, 'same');
    await aliceInCall();
    await push([member(ALICE, 'leave')], HS_TOKEN, 'same');
    expect(h.lk.removed).toHaveLength(1);
  });
});

describe('the call guard', () => {
  it('removes a participant whose token attribute was tampered with, after the grace period', async () => {
    h = await harness({ appservice, callMembershipGraceSeconds: 1 });
    const alice = await aliceInCall();
    alice.attributes['haos.member'] = `${alice.attributes['haos.member']?.slice(0, -2) ?? ''}AA`;
    await sendWebhook(
      h.app,
      'participant_joined',
      {
        name: alias,
        metadata: JSON.stringify({ haos: { room_id: ROOM, slot_id: LEGACY_SLOT_ID } }),
      },
      alice.identity,
    );
    await expect
      .poll(() => h.lk.removed, { timeout: 5000 })
      .toEqual([{ alias, identity: alice.identity }]);
  });

  const callMember = (content: Record<string, unknown>) => ({
    type: 'org.matrix.msc3401.call.member',
    room_id: ROOM,
    sender: ALICE,
    state_key: `_${ALICE}_ALICEDEVICE_m.call`,
    origin_server_ts: Date.now(),
    content,
  });
  const joined = callMember({
    application: 'm.call',
    call_id: '',
    scope: 'm.room',
    device_id: 'ALICEDEVICE',
    expires: 3600_000,
  });
  const left = callMember({});
  const checkAlice = (identity: string) =>
    h.app.haos.callGuard.check(alias, { roomId: ROOM, slotId: LEGACY_SLOT_ID }, identity);

  async function aliceWithMembership() {
    const alice = await aliceInCall();
    await push([joined]);
    const metadata = JSON.stringify({ haos: { room_id: ROOM, slot_id: LEGACY_SLOT_ID } });
    await sendWebhook(h.app, 'participant_joined', { name: alias, metadata }, alice.identity);
    expect(await checkAlice(alice.identity)).toBe(false);
    return alice;
  }

  it('keeps a participant whose call membership flaps (ends and comes back within the window)', async () => {
    h = await harness({ appservice, callMembershipGraceSeconds: 1, callMembershipFlapSeconds: 1 });
    const alice = await aliceWithMembership();
    // A late heartbeat under load: the delayed leave fires, the membership comes back at once.
    await push([left]);
    expect(await checkAlice(alice.identity)).toBe(false);
    await push([{ ...joined, origin_server_ts: Date.now() }]);
    // Past the flap window and the grace period, the scheduled check has run: still there.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(h.lk.removed).toEqual([]);
  });

  it('removes a participant whose call membership ended and did not come back, after the window', async () => {
    h = await harness({ appservice, callMembershipGraceSeconds: 1, callMembershipFlapSeconds: 1 });
    const alice = await aliceWithMembership();
    await push([left]);
    // Not at once (it may be a flap)…
    expect(h.lk.removed).toEqual([]);
    // …but once the window and the grace have passed without it coming back.
    await expect
      .poll(() => h.lk.removed, { timeout: 10_000 })
      .toEqual([{ alias, identity: alice.identity }]);
  });

  it('leaves LiveKit rooms alone that are not HAOS calls', async () => {
    h = await harness({ appservice, callMembershipGraceSeconds: 1 });
    const alice = await aliceInCall();
    await sendWebhook(h.app, 'participant_joined', { name: alias }, alice.identity);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.lk.removed).toEqual([]);
  });
});
