import { describe, expect, it } from 'vitest';
import { callHistory, DEFAULT_MEMBERSHIP_MS, type CallEventLike } from './call-history';
import { describeCall } from './call-summary';
import { EventTypes } from './event-types';

const ADA = '@ada:haos.test';
const BO = '@bo:haos.test';
const CY = '@cy:haos.test';
const T0 = Date.UTC(2026, 10, 24, 18, 0);
const MIN = 60_000;

let n = 0;
const nextId = () => `$e${++n}`;

/** A call membership state event of one device; empty content is a leave. */
function membership(userId: string, device: string, ts: number, content: object): CallEventLike {
  return {
    id: nextId(),
    type: EventTypes.CallMember,
    sender: userId,
    stateKey: `_${userId}_${device}_m.call`,
    ts,
    content: { ...content },
  };
}

/** A membership as Element Call / the SDK send it in compatibility mode. */
const join = (userId: string, device: string, ts: number, extra: object = {}) =>
  membership(userId, device, ts, {
    application: 'm.call',
    call_id: '',
    scope: 'm.room',
    device_id: device,
    expires: 14_400_000,
    'm.call.intent': 'audio',
    focus_active: { type: 'livekit', focus_selection: 'multi_sfu' },
    foci_preferred: [
      { type: 'livekit', livekit_service_url: 'https://lk.test', livekit_alias: '!r' },
    ],
    ...extra,
  });

const leave = (userId: string, device: string, ts: number) => membership(userId, device, ts, {});

function ring(caller: string, membership: CallEventLike, ts: number, callees: string[] = []) {
  return {
    id: nextId(),
    type: EventTypes.RtcNotification,
    sender: caller,
    stateKey: undefined,
    ts,
    content: {
      notification_type: 'ring',
      sender_ts: ts,
      lifetime: 30_000,
      'm.mentions': { user_ids: callees, room: false },
      'm.call.intent': 'audio',
      'm.relates_to': { rel_type: 'm.reference', event_id: membership.id },
    },
  } satisfies CallEventLike;
}

function decline(userId: string, notification: CallEventLike, ts: number): CallEventLike {
  return {
    id: nextId(),
    type: EventTypes.RtcDecline,
    sender: userId,
    stateKey: undefined,
    ts,
    content: { 'm.relates_to': { rel_type: 'm.reference', event_id: notification.id } },
  };
}

const message = (ts: number): CallEventLike => ({
  id: nextId(),
  type: EventTypes.Message,
  sender: BO,
  stateKey: undefined,
  ts,
  content: { msgtype: 'm.text', body: 'hi' },
});

describe('callHistory', () => {
  it('makes one call of several memberships: who started it, who joined, when it ended', () => {
    const first = join(ADA, 'A1', T0);
    const calls = callHistory(
      [
        first,
        join(BO, 'B1', T0 + MIN),
        message(T0 + 2 * MIN),
        // A renewal of a membership already in force is not a second join.
        join(ADA, 'A1', T0 + 3 * MIN),
        join(CY, 'C1', T0 + 4 * MIN),
        leave(BO, 'B1', T0 + 5 * MIN),
        leave(ADA, 'A1', T0 + 6 * MIN),
        leave(CY, 'C1', T0 + 12 * MIN),
      ],
      [],
      T0 + 60 * MIN,
    );
    expect(calls).toEqual([
      {
        id: first.id,
        startTs: T0,
        starter: ADA,
        joined: [ADA, BO, CY],
        status: { kind: 'ended', endTs: T0 + 12 * MIN },
        ring: undefined,
      },
    ]);
  });

  it('starts a new call after the last one emptied, and counts a person on two devices once', () => {
    const calls = callHistory(
      [
        join(ADA, 'A1', T0),
        join(ADA, 'A2', T0 + 1000),
        leave(ADA, 'A1', T0 + 2000),
        leave(ADA, 'A2', T0 + 3000),
        join(BO, 'B1', T0 + MIN),
      ],
      [],
      T0 + 2 * MIN,
    );
    expect(calls.map((c) => [c.starter, c.joined, c.status])).toEqual([
      [ADA, [ADA], { kind: 'ended', endTs: T0 + 3000 }],
      [BO, [BO], { kind: 'ongoing', present: [BO] }],
    ]);
  });

  it('ends a call whose memberships expired without a leave, at the last expiry', () => {
    const calls = callHistory(
      [join(ADA, 'A1', T0, { expires: 10 * MIN }), join(BO, 'B1', T0 + MIN, { expires: 10 * MIN })],
      [],
      T0 + 30 * MIN,
    );
    expect(calls[0]?.status).toEqual({ kind: 'ended', endTs: T0 + 11 * MIN });
  });

  it('uses created_ts for the expiry of a renewed membership, and 4 hours when expires is absent', () => {
    const calls = callHistory(
      [join(ADA, 'A1', T0, { expires: undefined, created_ts: T0 - MIN })],
      [],
      T0 + DEFAULT_MEMBERSHIP_MS,
    );
    expect(calls[0]?.status).toEqual({ kind: 'ended', endTs: T0 - MIN + DEFAULT_MEMBERSHIP_MS });
  });

  it('leaves out a call that began before the loaded history, and its later joins', () => {
    const before = join(ADA, 'A1', T0 - MIN);
    const calls = callHistory(
      [join(BO, 'B1', T0), leave(ADA, 'A1', T0 + MIN), leave(BO, 'B1', T0 + 2 * MIN)],
      [before],
      T0 + 3 * MIN,
    );
    expect(calls).toEqual([]);
  });

  it('does not take state at the start that already holds loaded (later) events for an earlier call', () => {
    const first = join(ADA, 'A1', T0);
    const second = join(BO, 'B1', T0 + 1000);
    const events = [message(T0 - MIN), first, second, leave(BO, 'B1', T0 + MIN)];
    const calls = callHistory(events, [first, second], T0 + 2 * MIN);
    expect(calls.map((c) => [c.id, c.joined, c.status.kind])).toEqual([
      [first.id, [ADA, BO], 'ongoing'],
    ]);
  });

  it('knows a renewal of a membership from before the loaded history is not a new call', () => {
    // The SDK renews a membership keeping its first join's created_ts.
    const renewal = {
      ...join(ADA, 'A1', T0 + MIN, { created_ts: T0 - MIN }),
      prevContent: join(ADA, 'A1', T0 - MIN).content,
    };
    const calls = callHistory(
      [message(T0), renewal, join(BO, 'B1', T0 + 2 * MIN), leave(ADA, 'A1', T0 + 3 * MIN)],
      [],
      T0 + 4 * MIN,
    );
    expect(calls).toEqual([]);
  });

  it('reads a fresh join over a membership that lapsed without a leave (a crash) as a new call', () => {
    const rejoin = {
      ...join(ADA, 'A1', T0 + MIN),
      prevContent: join(ADA, 'A1', T0 - 5 * 60 * MIN).content,
    };
    const calls = callHistory(
      [message(T0), rejoin, join(BO, 'B1', T0 + 2 * MIN), leave(ADA, 'A1', T0 + 3 * MIN)],
      [],
      T0 + 4 * MIN,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ starter: ADA, joined: [ADA, BO] });
  });

  it('ignores a leave of someone not in the call, memberships of other applications and junk', () => {
    const calls = callHistory(
      [
        leave(BO, 'B1', T0),
        join(ADA, 'A1', T0, { application: 'io.example.whiteboard' }),
        join(ADA, 'A1', T0, { device_id: 42 }),
        { ...join(CY, 'C1', T0), stateKey: undefined },
      ],
      [],
      T0 + MIN,
    );
    expect(calls).toEqual([]);
  });
});

describe('callHistory rings', () => {
  it('is missed when nobody else joined before the ring ran out', () => {
    const mine = join(ADA, 'A1', T0);
    const calls = callHistory(
      [mine, ring(ADA, mine, T0 + 500, [BO]), leave(ADA, 'A1', T0 + 40_000)],
      [],
      T0 + MIN,
    );
    expect(calls[0]?.ring).toEqual({
      caller: ADA,
      callees: [BO],
      outcome: 'missed',
      declinedBy: [],
    });
  });

  it('is answered when someone else joined within its lifetime, even when they join late after', () => {
    const mine = join(ADA, 'A1', T0);
    const calls = callHistory(
      [mine, ring(ADA, mine, T0, [BO]), join(BO, 'B1', T0 + 10_000), leave(BO, 'B1', T0 + MIN)],
      [],
      T0 + 2 * MIN,
    );
    expect(calls[0]?.ring?.outcome).toBe('answered');
  });

  it('is missed when the other joined only after it ran out', () => {
    const mine = join(ADA, 'A1', T0);
    const calls = callHistory(
      [mine, ring(ADA, mine, T0, [BO]), join(BO, 'B1', T0 + 45_000)],
      [],
      T0 + MIN,
    );
    expect(calls[0]?.ring?.outcome).toBe('missed');
  });

  it('is declined when the callee declined it', () => {
    const mine = join(ADA, 'A1', T0);
    const notification = ring(ADA, mine, T0 + 200, [BO]);
    const calls = callHistory(
      [mine, notification, decline(BO, notification, T0 + 3000), leave(ADA, 'A1', T0 + 3500)],
      [],
      T0 + MIN,
    );
    expect(calls[0]?.ring).toEqual({
      caller: ADA,
      callees: [BO],
      outcome: 'declined',
      declinedBy: [BO],
    });
    expect(calls[0]?.status).toEqual({ kind: 'ended', endTs: T0 + 3500 });
  });

  it('is still ringing while in its lifetime and unanswered', () => {
    const mine = join(ADA, 'A1', T0);
    const calls = callHistory([mine, ring(ADA, mine, T0)], [], T0 + 5000);
    expect(calls[0]?.ring?.outcome).toBe('ringing');
  });

  it('attaches a ring to the call of its membership, not to a later call', () => {
    const first = join(ADA, 'A1', T0);
    const second = join(ADA, 'A1', T0 + 10 * MIN);
    const calls = callHistory(
      [first, leave(ADA, 'A1', T0 + MIN), second, ring(ADA, second, T0 + 10 * MIN)],
      [],
      T0 + 11 * MIN,
    );
    expect(calls.map((c) => c.ring?.outcome)).toEqual([undefined, 'missed']);
  });

  it('ignores plain notifications (no ring) and declines from the caller', () => {
    const mine = join(ADA, 'A1', T0);
    const notice = ring(ADA, mine, T0);
    notice.content.notification_type = 'notification';
    const rung = ring(ADA, mine, T0 + 1);
    const calls = callHistory([mine, notice, rung, decline(ADA, rung, T0 + 2)], [], T0 + MIN);
    expect(calls[0]?.ring).toMatchObject({ outcome: 'missed', declinedBy: [] });
  });
});

describe('call history lines for a DM ring', () => {
  const nameOf = (id: string) => ({ [ADA]: 'Ada', [BO]: 'Bo' })[id] ?? id;
  const lines = (events: CallEventLike[], me: string, now: number) =>
    callHistory(events, [], now).map((c) => describeCall(c, me, nameOf).text);

  it('shows a declined call as declined to both', () => {
    const mine = join(ADA, 'A1', T0);
    const notification = ring(ADA, mine, T0 + 300, [BO]);
    const events = [
      mine,
      notification,
      decline(BO, notification, T0 + 4000),
      leave(ADA, 'A1', T0 + 4200),
    ];
    expect(lines(events, ADA, T0 + MIN)).toEqual(['Bo declined the call']);
    expect(lines(events, BO, T0 + MIN)).toEqual(['You declined the call from Ada']);
  });

  it('shows a ring nobody answered as missed to the callee, unanswered to the caller', () => {
    const mine = join(ADA, 'A1', T0);
    const events = [mine, ring(ADA, mine, T0 + 300, [BO]), leave(ADA, 'A1', T0 + 31_000)];
    expect(lines(events, BO, T0 + MIN)).toEqual(['Missed call from Ada']);
    expect(lines(events, ADA, T0 + MIN)).toEqual(["Bo didn't answer"]);
  });

  it('shows an answered call as an ordinary one', () => {
    const mine = join(ADA, 'A1', T0);
    const events = [
      mine,
      ring(ADA, mine, T0 + 300, [BO]),
      join(BO, 'B1', T0 + 5000),
      leave(BO, 'B1', T0 + 3 * MIN),
      leave(ADA, 'A1', T0 + 3 * MIN + 2000),
    ];
    expect(lines(events, BO, T0 + 10 * MIN)).toEqual([
      'Ada started a call · Ada and Bo joined · 3 minutes',
    ]);
  });
});
