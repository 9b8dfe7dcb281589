import { describe, expect, it } from 'vitest';
import {
  callNoticeOf,
  NO_RINGS,
  nextExpiry,
  readRing,
  RING_LIFETIME_MS,
  ringReducer,
  type IncomingRing,
  type RingAction,
  type RingEvent,
  type RingState,
} from './ringing';

const ADA = '@ada:hs';
const BO = '@bo:hs';
const DM = '!dm:hs';
const T0 = 1_700_000_000_000;

const run = (actions: RingAction[], from: RingState = NO_RINGS) =>
  actions.reduce(ringReducer, from);

const dial: RingAction = {
  type: 'dial',
  roomId: DM,
  calleeId: BO,
  calleeName: 'Bo',
  intent: 'audio',
  now: T0,
};
const roster = (...userIds: string[]): RingAction => ({
  type: 'roster',
  roomId: DM,
  userIds,
  ownUserId: ADA,
});

describe('outgoing ring (Ada calls Bo)', () => {
  it('rings until Bo joins the call, then the call just goes on', () => {
    const ringing = run([dial, { type: 'sent', notificationId: '$n' }, roster(ADA)]);
    expect(ringing.outgoing).toMatchObject({
      status: 'ringing',
      notificationId: '$n',
      expiresAt: T0 + RING_LIFETIME_MS,
    });
    expect(run([roster(ADA, BO)], ringing).outgoing).toBeUndefined();
  });

  it("shows Bo's decline of this ring, and only of this ring", () => {
    const sent = run([dial, { type: 'sent', notificationId: '$n' }]);
    expect(run([{ type: 'declined', notificationId: '$other', own: false }], sent)).toBe(sent);
    expect(run([{ type: 'declined', notificationId: '$n', own: false }], sent).outgoing).toEqual({
      status: 'declined',
      roomId: DM,
      calleeName: 'Bo',
    });
  });

  it('becomes "no answer" once its lifetime has passed, not before', () => {
    const sent = run([dial, { type: 'sent', notificationId: '$n' }]);
    expect(run([{ type: 'tick', now: T0 + RING_LIFETIME_MS - 1 }], sent).outgoing?.status).toBe(
      'ringing',
    );
    expect(run([{ type: 'tick', now: T0 + RING_LIFETIME_MS }], sent).outgoing?.status).toBe(
      'unanswered',
    );
  });

  it('stops when you hang up first; a decline notice stays until dismissed', () => {
    expect(run([dial, { type: 'hung-up', roomId: DM }]).outgoing).toBeUndefined();
    const declined = run([
      dial,
      { type: 'sent', notificationId: '$n' },
      { type: 'declined', notificationId: '$n', own: false },
      { type: 'hung-up', roomId: DM },
    ]);
    expect(declined.outgoing?.status).toBe('declined');
    expect(run([{ type: 'dismiss', roomId: DM }], declined).outgoing).toBeUndefined();
  });

  it('keeps the first notification ID it was told', () => {
    const state = run([
      dial,
      { type: 'sent', notificationId: '$a' },
      { type: 'sent', notificationId: '$b' },
    ]);
    expect(state.outgoing).toMatchObject({ notificationId: '$a' });
  });
});

const incoming: IncomingRing = {
  notificationId: '$n',
  roomId: DM,
  callerId: BO,
  callerName: 'Bo',
  intent: 'video',
  expiresAt: T0 + RING_LIFETIME_MS,
  callerSeen: false,
};
const ring: RingAction = { type: 'ring', ring: incoming };

describe('incoming ring (Bo calls Ada)', () => {
  it('rings once per notification', () => {
    expect(run([ring, ring]).incoming).toHaveLength(1);
  });

  it('ends without a missed call when accepted or declined here', () => {
    expect(run([ring, { type: 'answered', notificationId: '$n' }])).toMatchObject({
      incoming: [],
      missed: [],
    });
  });

  it('ends when another of your devices joins the call or declines', () => {
    expect(run([ring, roster(BO, ADA)])).toMatchObject({ incoming: [], missed: [] });
    expect(run([ring, { type: 'declined', notificationId: '$n', own: true }])).toMatchObject({
      incoming: [],
      missed: [],
    });
  });

  it('is missed when its lifetime passes', () => {
    const state = run([ring, { type: 'tick', now: T0 + RING_LIFETIME_MS }]);
    expect(state.incoming).toEqual([]);
    expect(state.missed).toEqual([
      { notificationId: '$n', roomId: DM, callerName: 'Bo', intent: 'video' },
    ]);
    expect(run([{ type: 'dismiss', roomId: DM }], state).missed).toEqual([]);
  });

  it('is missed when the caller, once seen in the call, leaves it', () => {
    // Before the caller's membership is known, an empty roster does not end the ring.
    expect(run([ring, roster()]).incoming).toHaveLength(1);
    const state = run([ring, roster(BO), roster()]);
    expect(state.incoming).toEqual([]);
    expect(state.missed).toHaveLength(1);
  });

  it('leaves rings in other rooms alone', () => {
    const other: RingAction = {
      type: 'roster',
      roomId: '!other:hs',
      userIds: [ADA],
      ownUserId: ADA,
    };
    expect(run([ring, other]).incoming).toHaveLength(1);
  });

  it('tells when the next ring runs out', () => {
    expect(nextExpiry(NO_RINGS)).toBeUndefined();
    expect(nextExpiry(run([ring, dial]))).toBe(T0 + RING_LIFETIME_MS);
  });
});

const event = (
  patch: Partial<RingEvent> = {},
  content: Record<string, unknown> = {},
): RingEvent => ({
  eventId: '$n',
  roomId: DM,
  sender: BO,
  senderName: 'Bo',
  originServerTs: T0,
  ownUserId: ADA,
  senderMayMentionRoom: false,
  ownInCall: false,
  now: T0 + 1000,
  content: {
    notification_type: 'ring',
    sender_ts: T0,
    lifetime: RING_LIFETIME_MS,
    'm.mentions': { user_ids: [ADA] },
    'm.call.intent': 'audio',
    ...content,
  },
  ...patch,
});

describe('readRing: which notifications ring', () => {
  it('rings for a fresh ring that mentions you', () => {
    expect(readRing(event())).toEqual({ ...incoming, intent: 'audio' });
  });

  it('rings for an @room mention only when the sender may notify the room (as in a DM)', () => {
    const room = { 'm.mentions': { user_ids: [], room: true } };
    expect(readRing(event({}, room))).toBeUndefined();
    expect(readRing(event({ senderMayMentionRoom: true }, room))).toBeDefined();
  });

  it.each([
    ['your own ring', event({ sender: ADA })],
    ['a call you are already in', event({ ownInCall: true })],
    ['a plain notification', event({}, { notification_type: 'notification' })],
    ['someone else’s ring', event({}, { 'm.mentions': { user_ids: ['@cy:hs'] } })],
    ['a stale ring (from sync, long over)', event({ now: T0 + RING_LIFETIME_MS })],
    ['a ring without lifetime', event({}, { lifetime: 'soon' })],
    ['a ring without sender_ts', event({}, { sender_ts: -5 })],
  ])('does not ring for %s', (_name, input) => {
    expect(readRing(input)).toBeUndefined();
  });

  it('caps a lifetime that claims more than the maximum', () => {
    const ring = readRing(event({}, { lifetime: 3_600_000 }));
    expect(ring?.expiresAt).toBeLessThanOrEqual(T0 + 1000 + 120_000);
  });
});

describe('callNoticeOf: where rings belong', () => {
  const base = {
    eventId: '$n',
    roomId: '!general:hs',
    sender: BO,
    senderName: 'Bo',
    originServerTs: T0,
    ownUserId: ADA,
    senderMayMentionRoom: true,
    ownInCall: false,
    now: T0 + 1000,
  };
  const content = (type: string, extra: Record<string, unknown> = {}) => ({
    notification_type: type,
    sender_ts: T0,
    lifetime: 30_000,
    'm.mentions': { user_ids: [ADA], room: true },
    ...extra,
  });

  it.each([
    ['a ring in a DM (or an allowed room) rings', content('ring'), true, 'ring'],
    ['a ring anywhere else is quiet', content('ring'), false, 'quiet'],
    [
      'a plain notification is quiet, even where rings are allowed',
      content('notification'),
      true,
      'quiet',
    ],
    ['something else does nothing', content('shout'), true, 'none'],
    ['a stale one does nothing', content('ring', { lifetime: 500 }), false, 'none'],
    ['a malformed one does nothing', content('ring', { sender_ts: 'soon' }), false, 'none'],
  ])('%s', (_what, c, ringsAllowed, kind) => {
    expect(callNoticeOf({ ...base, content: c, ringsAllowed }).kind).toBe(kind);
  });

  it('your own, or one for a call you are in, does nothing', () => {
    const ring = content('ring');
    expect(callNoticeOf({ ...base, sender: ADA, content: ring, ringsAllowed: true }).kind).toBe(
      'none',
    );
    expect(
      callNoticeOf({ ...base, ownInCall: true, content: ring, ringsAllowed: false }).kind,
    ).toBe('none');
  });
});
