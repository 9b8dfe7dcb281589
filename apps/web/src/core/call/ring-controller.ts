import {
  EventTimeline,
  RelationType,
  type MatrixClient,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import { EventTypes } from '../matrix/event-types';
import { browserSink, type NotificationSink } from '../matrix/notifications';
import type { RoomsStoreApi } from '../../stores/rooms-store';
import type { RingStoreApi } from '../../stores/ring-store';
import type { VoiceStore, VoiceStoreApi } from '../../stores/voice-store';
import { describeMatrixError } from '../matrix/describe-error';
import type { JoinOptions } from './membership';
import { ringsAllowed } from '../matrix/ring-policy';
import {
  callNoticeOf,
  nextExpiry,
  ringReducer,
  RING_LIFETIME_MS,
  type CallIntent,
  type RingAction,
} from './ringing';
import { CallSounds, RING_REPEAT_MS } from './sounds';

/** The parts of the voice side ringing drives: join and leave calls, read who is in them. */
export interface RingVoice {
  readonly store: VoiceStoreApi;
  join(roomId: string, options: JoinOptions, onRingSent?: (eventId: string) => void): Promise<void>;
  leave(withSound?: boolean): Promise<void>;
}

export type RingClient = Pick<
  MatrixClient,
  'on' | 'off' | 'getUserId' | 'sendRtcDecline' | 'getPushActionsForEvent'
>;

export interface RingEnvironment {
  store: RingStoreApi;
  client: RingClient;
  voice: RingVoice;
  rooms: RoomsStoreApi;
  /** The person set Do Not Disturb. */
  doNotDisturb(): boolean;
  sink?: NotificationSink;
  now?: () => number;
}

/** How long a ring may come before its caller's call membership is seen. */
const CALLER_GRACE_MS = 5_000;

/**
 * DM calls that ring (MSC4075) and can be declined (MSC4310). Starting a call rings the other
 * person; a ring for you plays the ringtone, shows a desktop notification while the tab is
 * hidden (not on Do Not Disturb), and ends when answered here or on another of your devices,
 * declined, over its lifetime (missed), or when the caller leaves. State lives in `store`.
 */
export class RingController {
  private readonly store: RingStoreApi;
  private readonly client: RingClient;
  private readonly voice: RingVoice;
  private readonly ownUserId: string;
  private readonly sink: NotificationSink;
  /** Desktop notifications of rings still ringing, to close when they end. */
  private readonly notes = new Map<string, () => void>();
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ringtone: ReturnType<typeof setInterval> | undefined;
  private readonly sounds = new CallSounds();
  /** Declines seen before our own ring's ID was known (a fast "no"). */
  private readonly declines = new Set<string>();
  private readonly offVoice: () => void;

  constructor(private readonly env: RingEnvironment) {
    this.store = env.store;
    this.client = env.client;
    this.voice = env.voice;
    this.ownUserId = env.client.getUserId() ?? '';
    this.sink = env.sink ?? browserSink;
    this.now = env.now ?? Date.now;
    this.offVoice = this.voice.store.subscribe((state, before) => this.onVoice(state, before));
  }

  /** Stops: no more timers, ringtone or listening (at sign-out). */
  unbind(): void {
    for (const close of this.notes.values()) close();
    this.notes.clear();
    this.offVoice();
    clearTimeout(this.timer);
    clearInterval(this.ringtone);
    this.ringtone = undefined;
    this.sounds.close();
  }

  /** Starts a call in a DM that rings the other person (video: with your camera on). */
  async call(roomId: string, intent: CallIntent): Promise<void> {
    const direct = this.env.rooms.getState().directs.find((d) => d.id === roomId);
    if (!direct?.otherUserId) {
      this.store.setState({
        error: { code: 'NOT_A_DIRECT', message: 'Calls that ring can only start from a DM.' },
      });
      return;
    }
    this.store.setState({ error: undefined });
    this.dispatch({
      type: 'dial',
      roomId,
      calleeId: direct.otherUserId,
      calleeName: direct.name,
      intent,
      now: this.now(),
    });
    await this.voice.join(roomId, { intent, ringLifetimeMs: RING_LIFETIME_MS }, (eventId) => {
      this.dispatch({ type: 'sent', notificationId: eventId });
      if (this.declines.has(eventId))
        this.dispatch({ type: 'declined', notificationId: eventId, own: false });
    });
  }

  /** Accepts a ring: joins its call (with your camera for a video call). */
  async accept(notificationId: string): Promise<void> {
    const ring = this.store.getState().incoming.find((r) => r.notificationId === notificationId);
    if (!ring) return;
    this.dispatch({ type: 'answered', notificationId });
    await this.voice.join(ring.roomId, { intent: ring.intent });
  }

  /** Declines a ring: your other devices stop ringing and the caller is told (MSC4310). */
  async decline(notificationId: string): Promise<void> {
    const ring = this.store.getState().incoming.find((r) => r.notificationId === notificationId);
    if (!ring) return;
    this.dispatch({ type: 'answered', notificationId });
    try {
      // Sticky where the server supports it, for the longest a ring can be valid (SDK default).
      await this.client.sendRtcDecline(ring.roomId, notificationId);
    } catch (error) {
      this.store.setState({
        error: {
          code: 'DECLINE_FAILED',
          message: describeMatrixError(error, `tell ${ring.callerName} you declined`),
        },
      });
    }
  }

  /** Closes the notice about your call ("declined", "no answer") or a missed call in a room. */
  dismiss(roomId: string): void {
    this.dispatch({ type: 'dismiss', roomId });
    this.store.setState({ error: undefined });
  }

  /** A ring or decline seen in a room's live timeline (decrypted). */
  consider(event: MatrixEvent, room: Room): void {
    const type = event.getType();
    if (type === EventTypes.RtcDecline) {
      const relation = event.getRelation();
      const referenced =
        relation?.rel_type === RelationType.Reference ? relation.event_id : undefined;
      if (!referenced) return;
      const own = event.getSender() === this.ownUserId;
      if (!own) this.declines.add(referenced);
      this.dispatch({ type: 'declined', notificationId: referenced, own });
      return;
    }
    if (type !== EventTypes.RtcNotification) return;
    const sender = event.getSender() ?? '';
    // A ring seen some seconds after it was sent (a reload, another device signing in) rings only
    // while its caller is still in the call; a fresh one may come before their membership does.
    const roster = this.voice.store.getState().roster[room.roomId] ?? [];
    const callerInCall = roster.some((m) => m.userId === sender);
    if (!callerInCall && this.now() - event.getTs() > CALLER_GRACE_MS) return;
    const state = room.getLiveTimeline().getState(EventTimeline.FORWARDS);
    const isDirect = this.env.rooms.getState().directs.some((d) => d.id === room.roomId);
    const notice = callNoticeOf({
      ringsAllowed: ringsAllowed(room, isDirect),
      eventId: event.getId() ?? '',
      roomId: room.roomId,
      sender,
      senderName: room.getMember(sender)?.name ?? sender,
      content: event.getContent(),
      originServerTs: event.getTs(),
      ownUserId: this.ownUserId,
      senderMayMentionRoom: state?.mayTriggerNotifOfType('room', sender) ?? false,
      ownInCall: roster.some((m) => m.userId === this.ownUserId),
      now: this.now(),
    });
    if (notice.kind === 'quiet') this.quietNotice(event, room, notice.callerName, notice.intent);
    if (notice.kind !== 'ring' || !notice.ring.notificationId) return;
    const { ring } = notice;
    this.dispatch({ type: 'ring', ring });
    if (roster.length > 0)
      this.dispatch({
        type: 'roster',
        roomId: room.roomId,
        userIds: roster.map((m) => m.userId),
        ownUserId: this.ownUserId,
      });
    if (this.sink.hidden() && this.sink.permitted() && !this.env.doNotDisturb()) {
      const kind = ring.intent === 'video' ? 'video' : 'voice';
      const close = this.sink.show(
        `Incoming ${kind} call from ${ring.callerName}`,
        `${ring.callerName} is calling you.`,
        ring.notificationId,
      );
      if (close) this.notes.set(ring.notificationId, close);
    }
  }

  /**
   * A call started where rings do not belong: no prompt, no ringtone; a silent desktop
   * notification while the tab is hidden, only if the room's notification settings (push
   * rules) would notify you of it, and not on Do Not Disturb.
   */
  private quietNotice(event: MatrixEvent, room: Room, callerName: string, intent: CallIntent) {
    if (!this.sink.hidden() || !this.sink.permitted() || this.env.doNotDisturb()) return;
    if (this.client.getPushActionsForEvent(event)?.notify !== true) return;
    const kind = intent === 'video' ? 'video call' : 'call';
    this.sink.show(
      `${callerName} started a ${kind} in ${room.name}`,
      'Join it from the channel.',
      event.getId() ?? '',
      { silent: true },
    );
  }

  /** Follows who is in each call (answers, callers leaving) and your own call ending. */
  private onVoice(state: VoiceStore, before: VoiceStore): void {
    if (state.roster !== before.roster) {
      for (const [roomId, members] of Object.entries(state.roster)) {
        if (members === before.roster[roomId]) continue;
        this.dispatch({
          type: 'roster',
          roomId,
          userIds: members.map((m) => m.userId),
          ownUserId: this.ownUserId,
        });
      }
    }
    const was = before.call;
    // A failed call was reported when it failed; clearing it (as a new call starts) is not news.
    if (
      was &&
      was.phase !== 'failed' &&
      (state.call?.id !== was.id || state.call.phase === 'failed')
    )
      this.dispatch({ type: 'hung-up', roomId: was.roomId });
  }

  private dispatch(action: RingAction): void {
    const before = this.store.getState();
    const after = ringReducer(before, action);
    if (after === before) return;
    this.store.setState(after);
    this.closeNotesOfEndedRings();
    // Your call rang out or was declined: it ends for you too (a 1:1 call).
    const out = after.outgoing;
    if (before.outgoing?.status === 'ringing' && out && out.status !== 'ringing')
      void this.voice.leave();
    this.schedule();
  }

  /** A ring answered, declined, missed or withdrawn: its desktop notification goes too. */
  private closeNotesOfEndedRings(): void {
    const incoming = this.store.getState().incoming;
    for (const [id, close] of this.notes) {
      if (incoming.some((r) => r.notificationId === id)) continue;
      close();
      this.notes.delete(id);
    }
  }

  /** One timer for the next ring to run out, and the ringtone while any ring is for you. */
  private schedule(): void {
    clearTimeout(this.timer);
    const state = this.store.getState();
    const at = nextExpiry(state);
    if (at !== undefined && Number.isFinite(at))
      this.timer = setTimeout(
        () => this.dispatch({ type: 'tick', now: this.now() }),
        // A little past the moment, so that the tick sees it over.
        Math.max(0, at - this.now()) + 25,
      );
    const ringing = state.incoming.length > 0;
    if (ringing && !this.ringtone) {
      const play = () => this.sounds.play('ring', this.voice.store.getState().soundVolume);
      play();
      this.ringtone = setInterval(play, RING_REPEAT_MS);
    } else if (!ringing && this.ringtone) {
      clearInterval(this.ringtone);
      this.ringtone = undefined;
    }
  }
}
