import { lazy, memo, Suspense } from 'react';
import type { MessageView } from '../../core/matrix/room-timeline';
import { Attachment } from './Attachment';

/** Starts loading the sanitizer for formatted messages (the timeline calls it when it opens). */
export const loadFormattedBody = () => import('./FormattedBody');
const FormattedBody = lazy(loadFormattedBody);

/** A message's text: formatted HTML only after sanitizing, otherwise plain text (never as HTML). */
export const MessageBody = memo(function MessageBody({ message }: { message: MessageView }) {
  if (message.redacted) return <p className="italic text-muted">Message deleted</p>;
  if (message.media) return <Attachment media={message.media} />;
  const emote = message.msgtype === 'm.emote';
  const plain = (
    <p className={`whitespace-pre-wrap break-words ${emote ? 'italic' : ''}`}>{message.body}</p>
  );
  if (message.formattedBody === undefined) return plain;
  // Until the sanitizer has loaded, the plain-text body stands in.
  return (
    <Suspense fallback={plain}>
      <FormattedBody html={message.formattedBody} emote={emote} />
    </Suspense>
  );
});
