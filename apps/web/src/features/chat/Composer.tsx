import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Mention } from '../../core/matrix/message-content';
import { insertMention, mentionQueryAt, type MentionQuery } from './mention-query';
import { MentionSuggestions, SUGGESTIONS_ID } from './MentionSuggestions';
import { useController } from '../../app/ControllerContext';
import { describeMatrixError } from '../../core/matrix/describe-error';
import type { DraftIntent } from './MessageActions';

/**
 * The message box: Enter sends, Shift+Enter adds a line, Markdown formats. In reply mode the
 * message answers another; in edit mode it replaces your earlier one. Escape leaves either mode.
 */
export function Composer({
  roomId,
  channelName,
  intent,
  onIntentDone,
}: {
  roomId: string;
  channelName: string;
  intent: DraftIntent | undefined;
  onIntentDone: () => void;
}) {
  const controller = useController();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [upload, setUpload] = useState<{ name: string; fraction: number } | undefined>();
  const [picked, setPicked] = useState<Mention[]>([]);
  const [query, setQuery] = useState<MentionQuery | undefined>();
  const [active, setActive] = useState(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const suggestions = useMemo(() => {
    if (!query) return [];
    const q = query.query.toLowerCase();
    return controller.messages
      .mentionCandidates(roomId)
      .filter((m) => m.text.startsWith(query.trigger) && m.text.slice(1).toLowerCase().includes(q))
      .slice(0, 8);
  }, [controller, roomId, query]);

  const pick = (mention: Mention) => {
    if (!query) return;
    const next = insertMention(text, query, mention.text);
    setText(next.text);
    setPicked((p) => [...p.filter((m) => m.text !== mention.text), mention]);
    setQuery(undefined);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
  };

  const uploadFile = (file: File) => {
    setError(undefined);
    setUpload({ name: file.name, fraction: 0 });
    controller.messages
      .sendFile(roomId, file, (fraction) => setUpload({ name: file.name, fraction }))
      .catch((caught: unknown) =>
        setError(
          caught instanceof Error && caught.name === 'MediaError'
            ? caught.message
            : describeMatrixError(caught, `upload ${file.name}`),
        ),
      )
      .finally(() => setUpload(undefined));
  };

  // Entering edit mode puts the message's text in the box (once per edited message).
  if (intent?.mode === 'edit' && editing !== intent.message.id) {
    setEditing(intent.message.id);
    setText(intent.message.body);
  } else if (intent?.mode !== 'edit' && editing !== undefined) {
    setEditing(undefined);
  }

  const [typingSince, setTypingSince] = useState(0);
  const onText = (value: string, caret: number) => {
    setText(value);
    setQuery(mentionQueryAt(value, caret));
    setActive(0);
    const now = Date.now();
    if (value.trim() !== '' && now - typingSince > 4000) {
      setTypingSince(now);
      controller.messages.setTyping(roomId, true);
    } else if (value.trim() === '' && typingSince !== 0) {
      setTypingSince(0);
      controller.messages.setTyping(roomId, false);
    }
  };

  const send = () => {
    const body = text;
    if (body.trim() === '') return;
    setText('');
    if (typingSince !== 0) {
      setTypingSince(0);
      controller.messages.setTyping(roomId, false);
    }
    setError(undefined);
    const action =
      intent?.mode === 'edit'
        ? controller.messages.editMessage(roomId, intent.message.id, body, picked)
        : controller.messages.sendMessage(
            roomId,
            body,
            intent?.mode === 'reply' ? intent.message.id : undefined,
            picked,
          );
    setPicked([]);
    onIntentDone();
    action.catch((caught: unknown) => setError(describeMatrixError(caught, 'send your message')));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const choice = suggestions[active];
        if (choice) pick(choice);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(undefined);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && intent) {
      event.preventDefault();
      if (intent.mode === 'edit') setText('');
      onIntentDone();
    }
  };

  return (
    <div className="px-4 pb-6">
      {error && (
        <p role="alert" className="mb-1 text-sm text-danger">
          {error}
        </p>
      )}
      {intent && (
        <div className="flex items-center justify-between rounded-t-lg bg-sidebar px-3 py-1 text-sm text-muted">
          <span>
            {intent.mode === 'reply' ? (
              <>
                Replying to <strong className="text-strong">{intent.message.senderName}</strong>
              </>
            ) : (
              'Editing message — Escape to cancel'
            )}
          </span>
          <button
            type="button"
            aria-label={intent.mode === 'reply' ? 'Cancel reply' : 'Cancel edit'}
            onClick={() => {
              if (intent.mode === 'edit') setText('');
              onIntentDone();
            }}
          >
            ✕
          </button>
        </div>
      )}
      {upload && (
        <p role="status" className="mb-1 text-sm text-muted">
          Uploading {upload.name}… {Math.round(upload.fraction * 100)}%
          <progress
            className="ml-2 align-middle"
            value={upload.fraction}
            max={1}
            aria-label={`Upload of ${upload.name}`}
          />
        </p>
      )}
      <MentionSuggestions items={suggestions} active={active} onPick={pick} />
      <div className="flex items-start gap-2 rounded-lg bg-input pl-3">
        <label
          className="mt-2 cursor-pointer rounded-full text-xl text-muted hover:text-strong"
          title="Upload a file"
        >
          <span aria-hidden="true">⊕</span>
          <input
            type="file"
            aria-label="Upload a file"
            className="sr-only"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) uploadFile(file);
            }}
          />
        </label>
        <textarea
          ref={box}
          aria-autocomplete="list"
          aria-controls={suggestions.length > 0 ? SUGGESTIONS_ID : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${SUGGESTIONS_ID}-${active}` : undefined}
          aria-label={intent?.mode === 'edit' ? 'Edit message' : `Message #${channelName}`}
          placeholder={`Message #${channelName}`}
          rows={1}
          value={text}
          onChange={(e) => onText(e.target.value, e.target.selectionStart)}
          onKeyDown={onKeyDown}
          className="max-h-48 w-full resize-none bg-transparent py-2.5 pr-4 text-normal placeholder:text-muted focus:outline-none"
        />
      </div>
    </div>
  );
}
