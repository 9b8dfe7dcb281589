import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';

/**
 * The Matrix spec's HTML allow-list for formatted messages (client-server API, m.room.message
 * "HTML"), minus images (not fetched inline) and maths (not rendered).
 */
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

/**
 * The spec's attributes, each on the elements it names. No `title` (only images have one in the
 * spec, and a tooltip the sender wrote must not read as HAOS's own words), no `style`, no
 * `class` except a code block's language, and no other `data-*` or `aria-*`.
 */
const ATTRIBUTES_BY_TAG: Record<string, readonly string[]> = {
  FONT: ['color', 'data-mx-color', 'data-mx-bg-color'],
  SPAN: ['data-mx-color', 'data-mx-bg-color', 'data-mx-spoiler'],
  A: ['href'],
  OL: ['start'],
  CODE: ['class'],
  TD: ['colspan', 'rowspan'],
  TH: ['colspan', 'rowspan'],
};
const ALLOWED_ATTR = [...new Set(Object.values(ATTRIBUTES_BY_TAG).flat())];
/** Attributes whose values are not URLs (DOMPurify would hold them to the URL pattern). */
const NOT_URLS = ALLOWED_ATTR.filter((a) => a !== 'href');

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const VALUE_RULES: Record<string, (value: string) => boolean> = {
  color: (v) => COLOUR.test(v),
  'data-mx-color': (v) => COLOUR.test(v),
  'data-mx-bg-color': (v) => COLOUR.test(v),
  'data-mx-spoiler': (v) => v.length <= 200,
  class: (v) => /^language-[A-Za-z0-9_+-]{1,40}$/.test(v),
  start: (v) => /^\d{1,9}$/.test(v),
  colspan: (v) => /^\d{1,3}$/.test(v),
  rowspan: (v) => /^\d{1,3}$/.test(v),
};

let instance: Purifier | undefined;

function purifier(): Purifier {
  if (instance) return instance;
  // An instance of its own, so these hooks apply to message HTML only.
  const purify = DOMPurify(window);
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const allowed = ATTRIBUTES_BY_TAG[node.tagName] ?? [];
    const rule = VALUE_RULES[data.attrName];
    if (!allowed.includes(data.attrName) || (rule && !rule(data.attrValue.trim())))
      data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  instance = purify;
  return purify;
}

/** Sanitizes untrusted message HTML to the allow-list; scripts, handlers and odd URLs are dropped. */
export function sanitizeMessageHtml(html: string): string {
  return purifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|matrix:)/i,
    ADD_URI_SAFE_ATTR: NOT_URLS,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    FORBID_TAGS: ['mx-reply'],
    // DOMPurify's own list (script, style, svg, math, template, noscript, title, …) plus the
    // reply fallback: what these held is dropped with them, never kept as text.
    ADD_FORBID_CONTENTS: ['mx-reply'],
  });
}
