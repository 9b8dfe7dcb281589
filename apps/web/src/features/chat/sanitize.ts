import DOMPurify from 'dompurify';

/** The Matrix spec's HTML allow-list for formatted messages, minus images (not fetched inline). */
const ALLOWED_TAGS = [
  'font',
  'del',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'p',
  'a',
  'ul',
  'ol',
  'sup',
  'sub',
  'li',
  'b',
  'i',
  'u',
  'strong',
  'em',
  's',
  'strike',
  'code',
  'hr',
  'br',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'pre',
  'span',
  'details',
  'summary',
];
const ALLOWED_ATTR = [
  'href',
  'title',
  'data-mx-color',
  'data-mx-bg-color',
  'data-mx-spoiler',
  'start',
  'colspan',
  'rowspan',
];

let hooked = false;
function ensureHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

/** Sanitizes untrusted message HTML to the allow-list; scripts, handlers and odd URLs are dropped. */
export function sanitizeMessageHtml(html: string): string {
  ensureHooks();
  const clean = DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|matrix:)/i,
    ADD_ATTR: ['target', 'rel'],
    FORBID_TAGS: ['mx-reply'],
    FORBID_CONTENTS: ['mx-reply', 'script', 'style'],
  });
  return clean;
}
