import { marked } from 'marked';

export interface TextContent {
  msgtype: 'm.text';
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
  'm.mentions'?: { user_ids: string[] };
}

/** A mention picked from autocomplete: the text shown in the composer and what it points to. */
export interface Mention {
  /** As typed in the composer, e.g. "@Alice" or "#general". */
  text: string;
  kind: 'user' | 'room';
  /** User ID or room ID. */
  id: string;
  /** Servers to find a room through (room mentions). */
  via?: readonly string[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matrix.to permalink other clients turn into pills. */
export function permalink(mention: Mention): string {
  const via =
    mention.kind === 'room' && mention.via?.length
      ? `?${mention.via.map((v) => `via=${encodeURIComponent(v)}`).join('&')}`
      : '';
  return `https://matrix.to/#/${encodeURIComponent(mention.id)}${via}`;
}

/**
 * Message content for what was typed: Markdown becomes `formatted_body` (HTML) only when it
 * actually formats something; raw HTML typed by the person is escaped, never passed through.
 * Mentions picked from autocomplete become matrix.to links (pills in other clients), and
 * mentioned users are listed in `m.mentions` so their push rules highlight the message.
 */
export function textContent(text: string, mentions: readonly Mention[] = []): TextContent {
  const body = text.trim();
  const standsAlone = (m: Mention) =>
    new RegExp(`(^|[\\s(])${escapeRegExp(m.text)}(?=$|[\\s.,!?;:)])`).test(body);
  const present = mentions.filter(standsAlone);
  let html = marked.parseInline(escapeHtml(body), { async: false, gfm: true, breaks: true }).trim();
  for (const mention of [...present].sort((a, b) => b.text.length - a.text.length)) {
    const label = escapeHtml(mention.text);
    html = html.replace(
      new RegExp(`(^|[\\s>(])${escapeRegExp(label)}(?=$|[\\s<.,!?;:)])`, 'g'),
      `$1<a href="${permalink(mention)}">${label}</a>`,
    );
  }
  const userIds = [...new Set(present.filter((m) => m.kind === 'user').map((m) => m.id))];
  const mentionField = userIds.length > 0 ? { 'm.mentions': { user_ids: userIds } } : {};
  const plainHtml = escapeHtml(body).replace(/\n/g, '<br>');
  if (html === plainHtml) return { msgtype: 'm.text', body, ...mentionField };
  return {
    msgtype: 'm.text',
    body,
    format: 'org.matrix.custom.html',
    formatted_body: html,
    ...mentionField,
  };
}
