import { marked } from 'marked';

export interface TextContent {
  msgtype: 'm.text';
  body: string;
  format?: 'org.matrix.custom.html';
  formatted_body?: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Message content for what was typed: Markdown becomes `formatted_body` (HTML) only when it
 * actually formats something; raw HTML typed by the person is escaped, never passed through.
 */
export function textContent(text: string): TextContent {
  const body = text.trim();
  const html = marked
    .parseInline(escapeHtml(body), { async: false, gfm: true, breaks: true })
    .trim();
  const plainHtml = escapeHtml(body).replace(/\n/g, '<br>');
  if (html === plainHtml) return { msgtype: 'm.text', body };
  return { msgtype: 'm.text', body, format: 'org.matrix.custom.html', formatted_body: html };
}
