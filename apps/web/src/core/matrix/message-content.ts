import { Marked, type Tokens } from 'marked';
import { MsgType } from 'matrix-js-sdk/lib/@types/event';

export interface TextContent {
  msgtype: MsgType.Text;
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

const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

/** Schemes a link HAOS sends may have; anything else (javascript:, data:, vbscript:, …) is text. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'matrix:']);

/** The link's address, normalised, when it is absolute and of a safe scheme; else undefined. */
export function safeLinkTarget(href: string): string | undefined {
  try {
    const url = new URL(unescapeHtml(href).trim());
    return LINK_SCHEMES.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Markdown as HAOS sends it: links only to safe absolute addresses, and no images (an image in
 * a message is an upload, never a hotlink); anything else stays the text that was typed. The
 * input is already HTML-escaped, so raw HTML never passes (nor does `raw` below).
 */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      const target = safeLinkTarget(token.href);
      return target ? `<a href="${escapeHtml(target)}">${text}</a>` : token.raw;
    },
    image(token: Tokens.Image) {
      return token.raw;
    },
  },
});

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
  let html = markdown.parseInline(escapeHtml(body), { async: false }).trim();
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
  if (html === plainHtml) return { msgtype: MsgType.Text, body, ...mentionField };
  return {
    msgtype: MsgType.Text,
    body,
    format: 'org.matrix.custom.html',
    formatted_body: html,
    ...mentionField,
  };
}
