// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMessageHtml } from './sanitize';

describe('sanitizeMessageHtml', () => {
  it('keeps the formatting the Matrix spec allows', () => {
    expect(
      sanitizeMessageHtml('<strong>bold</strong> <em>it</em> <code>x</code> <del>gone</del>'),
    ).toBe('<strong>bold</strong> <em>it</em> <code>x</code> <del>gone</del>');
    expect(sanitizeMessageHtml('<a href="https://example.org">link</a>')).toBe(
      '<a href="https://example.org" target="_blank" rel="noopener noreferrer nofollow">link</a>',
    );
  });

  it.each([
    ['<script>alert(1)</script>hi', 'hi'],
    ['<img src=x onerror=alert(1)>', ''],
    [
      '<a href="javascript:alert(1)">x</a>',
      '<a target="_blank" rel="noopener noreferrer nofollow">x</a>',
    ],
    ['<b onmouseover="alert(1)">x</b>', '<b>x</b>'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<iframe src="https://evil"></iframe>', ''],
    ['<style>body{display:none}</style>text', 'text'],
    ['<mx-reply><blockquote>quoted</blockquote></mx-reply>answer', 'answer'],
    ['<form action="https://evil"><input></form>', ''],
    [
      '<a href="data:text/html,<script>alert(1)</script>">x</a>',
      '<a target="_blank" rel="noopener noreferrer nofollow">x</a>',
    ],
  ])('neutralises %s', (input, expected) => {
    expect(sanitizeMessageHtml(input)).toBe(expected);
  });
});
