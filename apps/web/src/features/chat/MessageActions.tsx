import { useController } from '../../app/ControllerContext';
import type { MessageView } from '../../core/matrix/room-timeline';

export const QUICK_REACTIONS = ['👍', '❤️', '😂'] as const;

export type DraftIntent = { mode: 'reply' | 'edit'; message: MessageView };

/** The toolbar shown on a message on hover or keyboard focus: react, reply, edit, delete. */
export function MessageActions({
  roomId,
  message,
  onIntent,
}: {
  roomId: string;
  message: MessageView;
  onIntent: (intent: DraftIntent) => void;
}) {
  const controller = useController();
  if (message.redacted || message.status !== 'sent') return null;
  const button = 'rounded px-1.5 py-0.5 text-sm hover:bg-chat';
  return (
    <div
      role="toolbar"
      aria-label="Message actions"
      className="absolute -top-3 right-4 hidden gap-0.5 rounded border border-rail bg-sidebar p-0.5 shadow group-focus-within:flex group-hover:flex"
    >
      {QUICK_REACTIONS.map((key) => {
        const mine = message.reactions.find((r) => r.key === key)?.myEventId;
        return (
          <button
            key={key}
            type="button"
            className={button}
            aria-label={`React with ${key}`}
            onClick={() =>
              void controller.messages
                .toggleReaction(roomId, message.id, key, mine)
                .catch(() => undefined)
            }
          >
            {key}
          </button>
        );
      })}
      <button
        type="button"
        className={button}
        aria-label="Reply"
        title="Reply"
        onClick={() => onIntent({ mode: 'reply', message })}
      >
        ↩
      </button>
      {message.own && (
        <>
          <button
            type="button"
            className={button}
            aria-label="Edit"
            title="Edit"
            onClick={() => onIntent({ mode: 'edit', message })}
          >
            ✎
          </button>
          <button
            type="button"
            className={`${button} text-danger`}
            aria-label="Delete"
            title="Delete"
            onClick={() => {
              if (window.confirm('Delete this message for everyone?'))
                void controller.messages.deleteMessage(roomId, message.id).catch(() => undefined);
            }}
          >
            🗑
          </button>
        </>
      )}
    </div>
  );
}

/** The reactions under a message: each key with its count; yours highlighted and removable. */
export function Reactions({ roomId, message }: { roomId: string; message: MessageView }) {
  const controller = useController();
  if (message.reactions.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label="Reactions">
      {message.reactions.map((r) => (
        <li key={r.key}>
          <button
            type="button"
            aria-pressed={r.myEventId !== undefined}
            aria-label={`${r.key} ${r.count}, ${r.myEventId ? 'remove your reaction' : 'react'}`}
            className={`rounded-md border px-1.5 text-sm ${r.myEventId ? 'border-blurple bg-blurple/20' : 'border-transparent bg-sidebar'}`}
            onClick={() =>
              void controller.messages
                .toggleReaction(roomId, message.id, r.key, r.myEventId)
                .catch(() => undefined)
            }
          >
            {r.key} <span className="text-xs">{r.count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
