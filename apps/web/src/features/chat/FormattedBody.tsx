import { sanitizeMessageHtml } from './sanitize';

/**
 * A message's formatted body, sanitized to the Matrix allow-list; nothing executable survives.
 * Loaded on demand with the sanitizer (DOMPurify), which the first screen does not need.
 */
export default function FormattedBody({ html, emote }: { html: string; emote: boolean }) {
  return (
    <div
      className={`message-html break-words ${emote ? 'italic' : ''}`}
      dangerouslySetInnerHTML={{ __html: sanitizeMessageHtml(html) }}
    />
  );
}
