import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MatrixEvent, Room } from 'matrix-js-sdk';
import { createRingStore } from '../../stores/ring-store';
import { createRoomsStore } from '../../stores/rooms-store';
import { createVoiceStore } from '../../stores/voice-store';
import { activeCall } from '../../test/active-call';
import { EventTypes } from '../matrix/event-types';
import { RingController, type RingVoice } from './ring-controller';
import { RING_LIFETIME_MS } from './ringing';

/**
 * RingController against narrow fakes (a two-method client, the real stores, a recording
 * notification sink): what a ring or a decline seen in a room does, and what you do about it.
 */
const ADA = '@ada:hs';
const BO = '@bo:hs';
const DM = '!dm:hs';
const T0 = 1_700_000_000_000;

const CHANNEL = '!general:hs';

/** A room as the controller reads it; `allowRings`: its room account data lets calls ring. */
const roomOf = (roomId: string, allowRings?: boolean) =>
  ({
    roomId,
    name: roomId === DM ? 'Bo' : 'general',
    getMember: (id: string) => ({ name: id === BO ? 'Bo' : 'Ada' }),
    getLiveTimeline: () => ({ getState: () => ({ mayTriggerNotifOfType: () => true }) }),
    getAccountData: (type: string) =>
      type === EventTypes.HaosRingPolicy && allowRings !== undefined
        ? { getContent: () => ({ allow_rings: allowRings }) }
        : undefined,
  }) as unknown as Room;
const room = roomOf(DM);

function event(type: string, sender: string, content: Record<string, unknown>, id = '$n') {
  const relation = content['m.relates_to'] as { rel_type: string; event_id: string } | undefined;
  return {
    getType: () => type,
    getSender: () => sender,
    getId: () => id,
    getTs: () => T0,
    getContent: () => content,
    getRelation: () => relation ?? null,
  } as unknown as MatrixEvent;
}

/** What the SDK sends when Bo starts a voice call in the DM. */
const ringFromBo = event(EventTypes.RtcNotification, BO, {
  notification_type: 'ring',
  sender_ts: T0,
  lifetime: RING_LIFETIME_MS,
  'm.mentions': { user_ids: [], room: true },
  'm.call.intent': 'audio',
  'm.relates_to': { rel_type: 'm.reference', event_id: '$membership' },
});
const declineOf = (sender: string, notificationId: string) =>
  event(
    EventTypes.RtcDecline,
    sender,
    { 'm.relates_to': { rel_type: 'm.reference', event_id: notificationId } },
    '$decline',
  );

function setup({ hidden = true, dnd = false, notify = true } = {}) {
  const join = vi.fn<RingVoice['join']>(() => Promise.resolve());
  const leave = vi.fn<RingVoice['leave']>(() => Promise.resolve());
  const voice: RingVoice = { store: createVoiceStore(), join, leave };
  const rooms = createRoomsStore();
  rooms.setState({
    directs: [{ id: DM, name: 'Bo', otherUserId: BO, encrypted: true, unread: 0, mentions: 0 }],
  });
  const shown: string[] = [];
  const closed: string[] = [];
  const client = {
    on: vi.fn(),
    off: vi.fn(),
    getUserId: () => ADA,
    sendRtcDecline: vi.fn(() => Promise.resolve({ event_id: '$d' })),
    // The room's notification settings (push rules) for the event.
    getPushActionsForEvent: vi.fn(() => ({ notify, tweaks: {} })),
  };
  const store = createRingStore();
  const controller = new RingController({
    store,
    client,
    voice,
    rooms,
    doNotDisturb: () => dnd,
    sink: {
      hidden: () => hidden,
      permitted: () => true,
      show: (title, _body, _tag, options) => {
        shown.push(options?.silent ? `(silent) ${title}` : title);
        return () => closed.push(title);
      },
    },
    now: () => Date.now(),
  });
  return { controller, store, join, leave, client, shown, closed, voice };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0 + 1000);
});
afterEach(() => vi.useRealTimers());

describe('RingController, where rings belong', () => {
  it('a ring in a channel (not a DM) rings nobody: no prompt, no ringtone; a silent notice', () => {
    const { controller, store, shown } = setup();
    controller.consider(ringFromBo, roomOf(CHANNEL));
    expect(store.getState().incoming).toEqual([]);
    expect(shown).toEqual(['(silent) Bo started a call in general']);
    controller.unbind();
  });

  it("the quiet notice obeys the room's notification settings, Do Not Disturb and focus", () => {
    for (const options of [{ notify: false }, { dnd: true }, { hidden: false }]) {
      const { controller, store, shown } = setup(options);
      controller.consider(ringFromBo, roomOf(CHANNEL));
      expect(store.getState().incoming).toEqual([]);
      expect(shown).toEqual([]);
      controller.unbind();
    }
  });

  it('rings in a room whose account data lets calls ring you, and only while it does', () => {
    const allowed = setup();
    allowed.controller.consider(ringFromBo, roomOf(CHANNEL, true));
    expect(allowed.store.getState().incoming).toMatchObject([{ roomId: CHANNEL }]);
    allowed.controller.unbind();
    const revoked = setup();
    revoked.controller.consider(ringFromBo, roomOf(CHANNEL, false));
    expect(revoked.store.getState().incoming).toEqual([]);
    revoked.controller.unbind();
  });
});

describe('RingController, rung', () => {
  it('rings with a desktop notification while hidden; declining sends MSC4310 and stops', async () => {
    const { controller, store, client, shown, closed } = setup();
    controller.consider(ringFromBo, room);
    expect(store.getState().incoming).toMatchObject([{ callerName: 'Bo', intent: 'audio' }]);
    expect(shown).toEqual(['Incoming voice call from Bo']);
    expect(closed).toEqual([]);
    await controller.decline('$n');
    // The desktop notification goes with the ring.
    expect(closed).toEqual(['Incoming voice call from Bo']);
    expect(client.sendRtcDecline).toHaveBeenCalledWith(DM, '$n');
    expect(store.getState()).toMatchObject({ incoming: [], missed: [], error: undefined });
    controller.unbind();
  });

  it('ignores a ring seen late (a reload) once its caller has left the call', () => {
    const { controller, store, voice } = setup();
    vi.setSystemTime(T0 + 10_000);
    controller.consider(ringFromBo, room);
    expect(store.getState().incoming).toEqual([]);
    // Still in the call: it rings.
    voice.store.setState({
      roster: {
        [DM]: [
          { identity: `${BO}:D`, userId: BO, deviceId: 'D', name: 'Bo', avatarMxc: undefined },
        ],
      },
    });
    controller.consider(ringFromBo, room);
    expect(store.getState().incoming).toHaveLength(1);
    controller.unbind();
  });

  it('shows no desktop notification on Do Not Disturb or while you look at HAOS', () => {
    for (const options of [{ dnd: true }, { hidden: false }]) {
      const { controller, store, shown } = setup(options);
      controller.consider(ringFromBo, room);
      expect(store.getState().incoming).toHaveLength(1);
      expect(shown).toEqual([]);
      controller.unbind();
    }
  });

  it('accepting joins the call with its intent', async () => {
    const { controller, store, join } = setup();
    controller.consider(ringFromBo, room);
    await controller.accept('$n');
    expect(join).toHaveBeenCalledWith(DM, { intent: 'audio' });
    expect(store.getState().incoming).toEqual([]);
    controller.unbind();
  });

  it('is missed once the lifetime passes, and stops when another of your devices declines', () => {
    const first = setup();
    first.controller.consider(ringFromBo, room);
    vi.advanceTimersByTime(RING_LIFETIME_MS);
    expect(first.store.getState()).toMatchObject({ incoming: [], missed: [{ callerName: 'Bo' }] });
    first.controller.unbind();

    const second = setup();
    second.controller.consider(ringFromBo, room);
    second.controller.consider(declineOf(ADA, '$n'), room);
    expect(second.store.getState()).toMatchObject({ incoming: [], missed: [] });
    second.controller.unbind();
  });

  it('says so when the decline cannot be sent', async () => {
    const { controller, store, client } = setup();
    client.sendRtcDecline.mockRejectedValueOnce(new Error('offline'));
    controller.consider(ringFromBo, room);
    await controller.decline('$n');
    expect(store.getState().error?.code).toBe('DECLINE_FAILED');
    controller.unbind();
  });
});

describe('RingController, ringing', () => {
  it('rings Bo through the SDK, and ends the call when Bo declines', async () => {
    const { controller, store, join, leave } = setup();
    join.mockImplementation((_room, _options, onRingSent) => {
      onRingSent?.('$mine');
      return Promise.resolve();
    });
    await controller.call(DM, 'video');
    expect(join).toHaveBeenCalledWith(
      DM,
      { intent: 'video', ringLifetimeMs: RING_LIFETIME_MS },
      expect.any(Function),
    );
    expect(store.getState().outgoing).toMatchObject({ status: 'ringing', notificationId: '$mine' });
    controller.consider(declineOf(BO, '$mine'), room);
    expect(store.getState().outgoing).toEqual({ status: 'declined', roomId: DM, calleeName: 'Bo' });
    expect(leave).toHaveBeenCalled();
    controller.unbind();
  });

  it('calling again after a failed call keeps the new ring', async () => {
    const { controller, store, join, voice } = setup();
    const failed = activeCall({
      id: 'old',
      roomId: DM,
      phase: 'failed',
      error: { code: 'SFU_UNREACHABLE', message: 'gone' },
      encrypted: true,
    });
    voice.store.setState({ call: failed });
    join.mockImplementation((_room, _options, onRingSent) => {
      // The voice controller clears the failed call, then starts the new one, which rings.
      voice.store.setState({ call: undefined });
      voice.store.setState({
        call: { ...failed, id: 'new', phase: 'connecting', error: undefined },
      });
      onRingSent?.('$again');
      return Promise.resolve();
    });
    await controller.call(DM, 'audio');
    expect(store.getState().outgoing).toMatchObject({
      status: 'ringing',
      notificationId: '$again',
    });
    controller.unbind();
  });

  it('gives up with "no answer" after the lifetime, leaving the call', async () => {
    const { controller, store, leave } = setup();
    await controller.call(DM, 'audio');
    vi.advanceTimersByTime(RING_LIFETIME_MS + 100);
    expect(store.getState().outgoing?.status).toBe('unanswered');
    expect(leave).toHaveBeenCalled();
    controller.unbind();
  });

  it('refuses to ring outside a DM, with a clear message', async () => {
    const { controller, store, join } = setup();
    await controller.call('!channel:hs', 'audio');
    expect(store.getState().error).toEqual({
      code: 'NOT_A_DIRECT',
      message: 'Calls that ring can only start from a DM.',
    });
    expect(join).not.toHaveBeenCalled();
    controller.unbind();
  });
});
