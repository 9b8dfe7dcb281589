import {
  Direction,
  MatrixEventEvent,
  RoomEvent,
  RoomMemberEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import { createStore } from 'zustand/vanilla';
import { toMessageView, type MessageView } from './message-view';
import type { CallView } from './call-summary';
import type * as TimelineCalls from './timeline-calls';
import { EventTypes } from './event-types';
import { MAX_READERS, readersByMessage } from './read-receipts';

export type { MediaView, MessageView, ReactionView } from './message-view';
export type { CallView } from './call-summary';

/** Events that make up call history: memberships, rings and declines. */
const CALL_EVENTS = new Set<string>([
  EventTypes.CallMember,
  EventTypes.RtcNotification,
  EventTypes.RtcDecline,
]);

type CallsModule = typeof TimelineCalls;
/** Call history's code, loaded the first time a room with call events is shown. */
let callsModule: Promise<CallsModule> | undefined;
let loadedCalls: CallsModule | undefined;

export interface TimelineState {
  messages: MessageView[];
  /** The calls that started in the loaded history, oldest first, one line each. */
  calls: CallView[];
  /** Names of the others typing right now. */
  typing: string[];
  /** Message ID → names of the others whose read receipt is at that message. */
  readers: Record<string, string[]>;
  /** There may be older messages to load. */
  canPaginate: boolean;
  paginating: boolean;
}

/**
 * The live timeline of one room as a store: rebuilt from the SDK's timeline when it changes,
 * with back-pagination. One instance per open channel, owned by the app controller.
 */
export class RoomTimeline {
  readonly store = createStore<TimelineState>()(() => ({
    messages: [],
    calls: [],
    typing: [],
    readers: {},
    canPaginate: true,
    paginating: false,
  }));
  private readonly unbind: () => void;

  constructor(
    private readonly client: Pick<MatrixClient, 'paginateEventTimeline' | 'on' | 'off'>,
    private readonly room: Room,
  ) {
    const onChange = (_event: MatrixEvent, eventRoom: Room | undefined) => {
      if (eventRoom?.roomId === room.roomId) this.scheduleRefresh();
    };
    const onLocalEcho = () => this.scheduleRefresh();
    // A gap (a limited sync, a long time offline) replaces the live timeline with a fresh one
    // that has older history to load again.
    const onReset = (resetRoom: Room | undefined) => {
      if (resetRoom?.roomId === room.roomId) this.scheduleRefresh();
    };
    const onDecrypted = (event: MatrixEvent) => {
      if (event.getRoomId() === room.roomId) this.scheduleRefresh();
    };
    const onTyping = (_event: MatrixEvent, member: RoomMember) => {
      if (member.roomId !== room.roomId) return;
      const typing = room
        .getMembers()
        .filter((m) => m.typing && m.userId !== room.myUserId)
        .map((m) => m.name);
      this.store.setState({ typing });
    };
    client.on(RoomMemberEvent.Typing, onTyping);
    client.on(MatrixEventEvent.Decrypted, onDecrypted);
    client.on(RoomEvent.Timeline, onChange);
    client.on(RoomEvent.Redaction, onChange);
    client.on(RoomEvent.LocalEchoUpdated, onLocalEcho);
    client.on(RoomEvent.TimelineReset, onReset);
    client.on(RoomEvent.Receipt, onChange);
    this.unbind = () => {
      client.off(RoomEvent.TimelineReset, onReset);
      client.off(RoomEvent.Receipt, onChange);
      client.off(RoomMemberEvent.Typing, onTyping);
      client.off(MatrixEventEvent.Decrypted, onDecrypted);
      client.off(RoomEvent.Timeline, onChange);
      client.off(RoomEvent.Redaction, onChange);
      client.off(RoomEvent.LocalEchoUpdated, onLocalEcho);
    };
    this.refresh();
  }

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Rebuilds the message list once the SDK has finished with the current batch of events
   * (edits and reactions are aggregated onto their targets after the timeline event fires).
   */
  scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, 0);
  }

  refresh(): void {
    const live = this.room.getLiveTimeline();
    const events = [...live.getEvents(), ...this.room.getPendingEvents()];
    const messages: MessageView[] = [];
    const callEvents: MatrixEvent[] = [];
    for (const event of events) {
      const view = toMessageView(event, this.room);
      if (view) messages.push(view);
      else if (CALL_EVENTS.has(event.getType()) && event.getId()) callEvents.push(event);
    }
    // The SDK drops the backwards token once the start of the room has been reached.
    this.store.setState({
      messages,
      calls: this.calls(callEvents),
      readers: this.readers(events, messages),
      canPaginate: live.getPaginationToken(Direction.Backward) !== null,
    });
  }

  private calls(events: MatrixEvent[]): CallView[] {
    if (events.length === 0) return [];
    if (loadedCalls) return loadedCalls.timelineCalls(this.room, events);
    callsModule ??= import('./timeline-calls');
    callsModule.then(
      (module) => {
        loadedCalls = module;
        if (!this.disposed) this.scheduleRefresh();
      },
      () => {
        // The chunk did not load (offline after an update): try again on the next change.
        callsModule = undefined;
      },
    );
    return this.store.getState().calls;
  }

  private readers(events: MatrixEvent[], messages: MessageView[]): Record<string, string[]> {
    const readUpTo = new Map<string, string>();
    for (const member of this.room.getJoinedMembers().slice(0, MAX_READERS)) {
      if (member.userId === this.room.myUserId) continue;
      const eventId = this.room.getEventReadUpTo(member.userId);
      if (eventId) readUpTo.set(member.name, eventId);
    }
    return readersByMessage(
      events.map((e) => e.getId() ?? ''),
      new Set(messages.map((m) => m.id)),
      readUpTo,
    );
  }

  /** Loads older messages; resolves false when the start of the room is reached. */
  async paginateBack(limit = 50): Promise<boolean> {
    const state = this.store.getState();
    if (state.paginating || !state.canPaginate) return state.canPaginate;
    this.store.setState({ paginating: true });
    try {
      await this.client.paginateEventTimeline(this.room.getLiveTimeline(), {
        backwards: true,
        limit,
      });
      this.refresh();
      return this.store.getState().canPaginate;
    } finally {
      this.store.setState({ paginating: false });
    }
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    this.unbind();
  }
}
