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

  it("keeps the spec's attributes where the spec puts them", () => {
    expect(sanitizeMessageHtml('<ol start="3"><li>x</li></ol>')).toBe(
      '<ol start="3"><li>x</li></ol>',
    );
    expect(
      sanitizeMessageHtml(
        '<table><tbody><tr><td colspan="2" rowspan="3">a</td></tr></tbody></table>',
      ),
    ).toBe('<table><tbody><tr><td colspan="2" rowspan="3">a</td></tr></tbody></table>');
    expect(
      sanitizeMessageHtml(
        '<span data-mx-color="#ff0000" data-mx-bg-color="#00FF00" data-mx-spoiler="plot">x</span>',
      ),
    ).toBe(
      '<span data-mx-color="#ff0000" data-mx-bg-color="#00FF00" data-mx-spoiler="plot">x</span>',
    );
    expect(sanitizeMessageHtml('<font color="#123456">c</font>')).toBe(
      '<font color="#123456">c</font>',
    );
    expect(sanitizeMessageHtml('<code class="language-ts">x</code>')).toBe(
      '<code class="language-ts">x</code>',
    );
  });

  it.each([
    // Other data-* and aria-*: nothing HAOS reads, and a way to pose as HAOS's own labels.
    ['<span data-foo="1" aria-label="Verified by HAOS">x</span>', '<span>x</span>'],
    ['<b aria-hidden="true" data-mx-spoiler="x">x</b>', '<b>x</b>'],
    // An attacker's tooltip is not shown as if HAOS said it.
    [
      '<a href="https://a.example" title="HAOS: session expired, sign in again">x</a>',
      '<a href="https://a.example" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    ],
    // Colours are #rrggbb, nothing that could smuggle CSS.
    ['<span data-mx-color="red;position:fixed">x</span>', '<span>x</span>'],
    ['<font color="expression(alert(1))">x</font>', '<font>x</font>'],
    ['<span style="position:fixed;inset:0">x</span>', '<span>x</span>'],
    ['<div class="fixed inset-0 z-50">x</div>', '<div>x</div>'],
    ['<code class="language-x fixed">x</code>', '<code>x</code>'],
    ['<ol start="1; x">x</ol>', '<ol>x</ol>'],
    ['<span start="3" href="https://a.example">x</span>', '<span>x</span>'],
    // DOMPurify's own FORBID_CONTENTS: what these held goes with them.
    ['<svg><text>Your account is locked</text></svg>ok', 'ok'],
    ['ok<noscript>fake notice</noscript>', 'ok'],
    ['<template><b>hidden</b></template>ok', 'ok'],
    ['<title>t</title><xmp>x</xmp>ok', 'ok'],
  ])('drops %s', (input, expected) => {
    expect(sanitizeMessageHtml(input)).toBe(expected);
  });
});
