import {
  EventStatus,
  MatrixEventEvent,
  RoomEvent,
  RoomMemberEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  type RoomMember,
} from 'matrix-js-sdk';
import { createStore } from 'zustand/vanilla';
import { EventTypes } from './event-types';

/** One message as the channel view shows it. */
export interface MessageView {
  id: string;
  sender: string;
  senderName: string;
  ts: number;
  body: string;
  /** Sanitized before display; may be absent. */
  formattedBody: string | undefined;
  msgtype: string;
  status: 'sent' | 'sending' | 'failed';
  edited: boolean;
  redacted: boolean;
  /** Sent by the signed-in user (may edit and delete it). */
  own: boolean;
  replyTo: { id: string; senderName: string; body: string } | undefined;
  reactions: ReactionView[];
}

export interface ReactionView {
  key: string;
  count: number;
  /** The signed-in user's own reaction event, if they reacted with this key. */
  myEventId: string | undefined;
}

export interface TimelineState {
  messages: MessageView[];
  /** Names of the others typing right now. */
  typing: string[];
  /** There may be older messages to load. */
  canPaginate: boolean;
  paginating: boolean;
}

const DISPLAYED = new Set<string>([EventTypes.Message]);

function statusOf(event: MatrixEvent): MessageView['status'] {
  const status = event.getAssociatedStatus();
  if (status === EventStatus.NOT_SENT) return 'failed';
  if (status === null || status === EventStatus.SENT) return 'sent';
  return 'sending';
}

export function toMessageView(event: MatrixEvent, room: Room): MessageView | undefined {
  if (
    event.isEncrypted() &&
    (event.isBeingDecrypted() ||
      event.isDecryptionFailure() ||
      event.getType() === 'm.room.encrypted')
  ) {
    const sender = event.getSender() ?? '';
    return {
      id: event.getId() ?? '',
      sender,
      senderName: room.getMember(sender)?.name ?? sender,
      ts: event.getTs(),
      body: event.isDecryptionFailure() ? 'Unable to decrypt this message.' : 'Decrypting…',
      formattedBody: undefined,
      msgtype: 'm.notice',
      status: statusOf(event),
      edited: false,
      redacted: false,
      own: sender === room.myUserId,
      replyTo: undefined,
      reactions: [],
    };
  }
  if (!DISPLAYED.has(event.getType()) || event.isRelation('m.replace')) return undefined;
  const content: Record<string, unknown> = event.getContent();
  const redacted = event.isRedacted();
  const sender = event.getSender() ?? '';
  return {
    id: event.getId() ?? event.getTxnId() ?? '',
    sender,
    senderName: room.getMember(sender)?.name ?? sender,
    ts: event.getTs(),
    body: typeof content.body === 'string' ? stripReplyFallback(content.body) : '',
    formattedBody:
      content.format === 'org.matrix.custom.html' && typeof content.formatted_body === 'string'
        ? content.formatted_body
        : undefined,
    msgtype: typeof content.msgtype === 'string' ? content.msgtype : 'm.text',
    status: statusOf(event),
    edited: event.replacingEventId() !== undefined,
    redacted,
    own: sender === room.myUserId,
    replyTo: redacted ? undefined : replyOf(event, room),
    reactions: redacted ? [] : reactionsOf(event, room),
  };
}

/** Reply fallbacks (quoted lines before the reply) are dropped: the quote is shown from the event. */
export function stripReplyFallback(body: string): string {
  if (!body.startsWith('> ')) return body;
  const lines = body.split('\n');
  const firstNonQuote = lines.findIndex((l) => !l.startsWith('> ') && l !== '>');
  if (firstNonQuote < 0) return body;
  return lines.slice(lines[firstNonQuote] === '' ? firstNonQuote + 1 : firstNonQuote).join('\n');
}

function replyOf(event: MatrixEvent, room: Room): MessageView['replyTo'] {
  const relates = event.getWireContent()['m.relates_to'] as
    { 'm.in_reply_to'?: { event_id?: unknown } } | undefined;
  const parentId = relates?.['m.in_reply_to']?.event_id;
  if (typeof parentId !== 'string') return undefined;
  const parent = room.findEventById(parentId);
  const sender = parent?.getSender() ?? '';
  const parentBody = parent?.getContent<{ body?: unknown }>().body;
  return {
    id: parentId,
    senderName: parent ? (room.getMember(sender)?.name ?? sender) : '',
    body: parent?.isRedacted()
      ? 'Message deleted'
      : typeof parentBody === 'string'
        ? stripReplyFallback(parentBody)
        : 'Original message not loaded',
  };
}

function reactionsOf(event: MatrixEvent, room: Room): ReactionView[] {
  const id = event.getId();
  if (!id) return [];
  const relations = room.relations.getChildEventsForEvent(id, 'm.annotation', EventTypes.Reaction);
  const sorted = relations?.getSortedAnnotationsByKey() ?? [];
  return sorted
    .map(([key, events]) => {
      const mine = [...events].find((e) => e.getSender() === room.myUserId && !e.isRedacted());
      return {
        key,
        count: [...events].filter((e) => !e.isRedacted()).length,
        myEventId: mine?.getId(),
      };
    })
    .filter((r) => r.count > 0);
}

/**
 * The live timeline of one room as a store: rebuilt from the SDK's timeline when it changes,
 * with back-pagination. One instance per open channel, owned by the app controller.
 */
export class RoomTimeline {
  readonly store = createStore<TimelineState>()(() => ({
    messages: [],
    typing: [],
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
    this.unbind = () => {
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
    const events = [...this.room.getLiveTimeline().getEvents(), ...this.room.getPendingEvents()];
    const messages: MessageView[] = [];
    for (const event of events) {
      const view = toMessageView(event, this.room);
      if (view) messages.push(view);
    }
    this.store.setState({ messages });
  }

  /** Loads older messages; resolves false when the start of the room is reached. */
  async paginateBack(limit = 50): Promise<boolean> {
    const state = this.store.getState();
    if (state.paginating || !state.canPaginate) return state.canPaginate;
    this.store.setState({ paginating: true });
    try {
      const more = await this.client.paginateEventTimeline(this.room.getLiveTimeline(), {
        backwards: true,
        limit,
      });
      this.store.setState({ canPaginate: more });
      this.refresh();
      return more;
    } finally {
      this.store.setState({ paginating: false });
    }
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.unbind();
  }
}
