import { memo } from 'react';
import type { MessageView } from '../../core/matrix/room-timeline';
import { sanitizeMessageHtml } from './sanitize';
import { Attachment } from './Attachment';

/** A message's text: formatted HTML only after sanitizing, otherwise plain text (never as HTML). */
export const MessageBody = memo(function MessageBody({ message }: { message: MessageView }) {
  if (message.redacted) return <p className="italic text-muted">Message deleted</p>;
  if (message.media) return <Attachment media={message.media} />;
  const emote = message.msgtype === 'm.emote';
  if (message.formattedBody !== undefined) {
    return (
      <div
        className={`message-html break-words ${emote ? 'italic' : ''}`}
        // Sanitized to the Matrix allow-list above; nothing executable survives.
        dangerouslySetInnerHTML={{ __html: sanitizeMessageHtml(message.formattedBody) }}
      />
    );
  }
  return (
    <p className={`whitespace-pre-wrap break-words ${emote ? 'italic' : ''}`}>{message.body}</p>
  );
});
