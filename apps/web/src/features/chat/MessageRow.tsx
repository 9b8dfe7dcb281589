import type { MessageView } from '../../core/matrix/room-timeline';
import { useController } from '../../app/ControllerContext';
import { seenByText } from '../../core/matrix/read-receipts';
import { MessageBody } from './MessageBody';
import { MessageActions, Reactions, type DraftIntent } from './MessageActions';

function FailedSend({ roomId, eventId }: { roomId: string; eventId: string }) {
  const controller = useController();
  return (
    <p role="alert" className="flex gap-2 text-xs text-danger">
      Not sent.
      <button
        type="button"
        className="underline"
        onClick={() => void controller.messages.retrySend(roomId, eventId).catch(() => undefined)}
      >
        Retry
      </button>
      <button
        type="button"
        className="underline"
        onClick={() => controller.messages.discardSend(roomId, eventId)}
      >
        Discard
      </button>
    </p>
  );
}

/** A message of the timeline; `ref` and `data-index` let the virtualizer measure it. */
export function MessageRow({
  message,
  grouped,
  roomId,
  onIntent,
  index,
  measure,
  readBy,
}: {
  message: MessageView;
  /** Others whose read position is this message. */
  readBy: string[] | undefined;
  grouped: boolean;
  roomId: string;
  onIntent: (intent: DraftIntent) => void;
  index: number;
  measure: (el: HTMLElement | null) => void;
}) {
  const time = new Date(message.ts);
  return (
    <li
      ref={measure}
      data-index={index}
      className={`group relative px-4 pb-0.5 hover:bg-black/5 ${grouped ? 'pt-0.5' : 'pt-4'} ${message.status !== 'sent' ? 'opacity-60' : ''}`}
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
      {readBy && readBy.length > 0 && (
        <p className="text-right text-[10px] text-muted">{seenByText(readBy)}</p>
      )}
    </li>
  );
}
