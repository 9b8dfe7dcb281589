import { useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../core/matrix/room-timeline';
import { MessageBody } from './MessageBody';
import { MessageActions, Reactions, type DraftIntent } from './MessageActions';
import { useController } from '../../app/ControllerContext';
import { useTimeline } from './useTimeline';

const GROUP_MS = 7 * 60 * 1000;

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

function FailedSend({ roomId, eventId }: { roomId: string; eventId: string }) {
  const controller = useController();
  return (
    <p role="alert" className="flex gap-2 text-xs text-danger">
      Not sent.
      <button
        type="button"
        className="underline"
        onClick={() => void controller.retrySend(roomId, eventId).catch(() => undefined)}
      >
        Retry
      </button>
      <button
        type="button"
        className="underline"
        onClick={() => controller.discardSend(roomId, eventId)}
      >
        Discard
      </button>
    </p>
  );
}

function Message({
  message,
  grouped,
  roomId,
  onIntent,
}: {
  message: MessageView;
  grouped: boolean;
  roomId: string;
  onIntent: (intent: DraftIntent) => void;
}) {
  const time = new Date(message.ts);
  return (
    <li
      className={`group relative px-4 hover:bg-black/5 ${grouped ? 'py-0.5' : 'mt-4 py-0.5'} ${message.status !== 'sent' ? 'opacity-60' : ''}`}
      aria-label={`${message.senderName}: ${message.body}`}
      data-status={message.status}
    >
      {!grouped && (
        <p className="flex items-baseline gap-2">
          <span className="font-medium text-strong">{message.senderName}</span>
          <time className="text-xs text-muted" dateTime={time.toISOString()}>
            {time.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
          </time>
        </p>
      )}
      {message.replyTo && (
        <p
          className="flex gap-1 truncate text-xs text-muted"
          aria-label={`Replying to ${message.replyTo.senderName}`}
        >
          <span aria-hidden="true">↱</span>
          <span className="font-semibold">{message.replyTo.senderName}</span>
          <span className="truncate">{message.replyTo.body}</span>
        </p>
      )}
      <MessageBody message={message} />
      <Reactions roomId={roomId} message={message} />
      <MessageActions roomId={roomId} message={message} onIntent={onIntent} />
      {message.edited && <span className="text-[10px] text-muted">(edited)</span>}
      {message.status === 'failed' && <FailedSend roomId={roomId} eventId={message.id} />}
    </li>
  );
}

/** The messages of a channel, newest at the bottom; scrolling to the top loads older ones. */
export function Timeline({
  roomId,
  onIntent,
}: {
  roomId: string;
  onIntent: (intent: DraftIntent) => void;
}) {
  const { state, timeline } = useTimeline(roomId);
  const controller = useController();
  // Where "new messages" start: your read position when you opened the channel.
  const [readUpTo] = useState(() => controller.readUpTo(roomId));
  const readIndex = readUpTo ? state.messages.findIndex((m) => m.id === readUpTo) : -1;
  const firstUnread =
    readIndex >= 0 ? state.messages.findIndex((m, i) => i > readIndex && !m.own) : -1;
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    // Reading the newest messages of a visible window marks them read.
    if (stick.current && document.visibilityState === 'visible') controller.markRead(roomId);
    // Not enough messages to fill the view: load older ones until it is full or history ends.
    if (el.scrollHeight <= el.clientHeight + 200 && state.canPaginate && !state.paginating) {
      void timeline?.paginateBack();
    }
  }, [state.messages, state.canPaginate, state.paginating, timeline, controller, roomId]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 200 && state.canPaginate && !state.paginating) void timeline?.paginateBack();
  };

  return (
    <div
      ref={scroller}
      onScroll={onScroll}
      className="flex-1 overflow-y-auto"
      aria-busy={state.paginating}
    >
      {!state.canPaginate && (
        <p className="px-4 pt-6 text-sm text-muted">This is the beginning of the channel.</p>
      )}
      <ol aria-label="Messages" className="pb-4">
        {state.messages.map((m, i) => {
          const prev = state.messages[i - 1];
          const newDay = !prev || !sameDay(prev.ts, m.ts);
          const grouped =
            !!prev && !newDay && prev.sender === m.sender && m.ts - prev.ts < GROUP_MS;
          return (
            <DayAware
              unreadStart={i === firstUnread}
              key={m.id || i}
              message={m}
              grouped={grouped}
              newDay={newDay}
              roomId={roomId}
              onIntent={onIntent}
            />
          );
        })}
      </ol>
      <p aria-live="polite" className="h-5 px-4 text-xs text-muted">
        {typingText(state.typing)}
      </p>
    </div>
  );
}

function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length <= 3) return `${names.join(', ')} are typing…`;
  return 'Several people are typing…';
}

function DayAware({
  unreadStart,
  message,
  grouped,
  newDay,
  roomId,
  onIntent,
}: {
  unreadStart: boolean;
  message: MessageView;
  grouped: boolean;
  newDay: boolean;
  roomId: string;
  onIntent: (intent: DraftIntent) => void;
}) {
  return (
    <>
      {newDay && (
        <li
          role="separator"
          className="mx-4 mt-4 flex items-center gap-2 text-xs font-semibold text-muted"
        >
          <span className="h-px flex-1 bg-white/10" />
          {new Date(message.ts).toLocaleDateString(undefined, { dateStyle: 'long' })}
          <span className="h-px flex-1 bg-white/10" />
        </li>
      )}
      {unreadStart && (
        <li
          role="separator"
          aria-label="New messages"
          className="mx-4 mt-3 flex items-center gap-2 text-xs font-bold text-danger"
        >
          <span className="h-px flex-1 bg-danger" />
          NEW
        </li>
      )}
      <Message message={message} grouped={grouped} roomId={roomId} onIntent={onIntent} />
    </>
  );
}
