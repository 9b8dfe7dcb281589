import { describe, expect, it } from 'vitest';
import { textContent } from './message-content';

describe('textContent', () => {
  it('sends plain text without a formatted body', () => {
    expect(textContent('hello there')).toEqual({ msgtype: 'm.text', body: 'hello there' });
  });

  it('turns Markdown into formatted_body', () => {
    expect(textContent('Hello **Bob**!')).toEqual({
      msgtype: 'm.text',
      body: 'Hello **Bob**!',
      format: 'org.matrix.custom.html',
      formatted_body: 'Hello <strong>Bob</strong>!',
    });
    expect(textContent('`code` and _it_').formatted_body).toBe('<code>code</code> and <em>it</em>');
  });

  it('escapes HTML the person typed instead of sending it as markup', () => {
    const content = textContent('<b>not bold</b> but **bold**');
    expect(content.formatted_body).toBe('&lt;b&gt;not bold&lt;/b&gt; but <strong>bold</strong>');
    expect(textContent('1 < 2 & 3 > 2')).toEqual({ msgtype: 'm.text', body: '1 < 2 & 3 > 2' });
  });
});

describe('textContent with mentions', () => {
  const alice = { text: '@Alice', kind: 'user', id: '@alice:example.org' } as const;
  const general = {
    text: '#general',
    kind: 'room',
    id: '!abc:example.org',
    via: ['example.org'],
  } as const;

  it('links user mentions and lists them in m.mentions', () => {
    expect(textContent('hi @Alice, look', [alice])).toEqual({
      msgtype: 'm.text',
      body: 'hi @Alice, look',
      format: 'org.matrix.custom.html',
      formatted_body: 'hi <a href="https://matrix.to/#/%40alice%3Aexample.org">@Alice</a>, look',
      'm.mentions': { user_ids: ['@alice:example.org'] },
    });
  });

  it('links channel mentions with their via servers', () => {
    expect(textContent('see #general', [general]).formatted_body).toBe(
      'see <a href="https://matrix.to/#/!abc%3Aexample.org?via=example.org">#general</a>',
    );
  });

  it('ignores mentions that were deleted from the text, and partial words', () => {
    expect(textContent('hello', [alice])).toEqual({ msgtype: 'm.text', body: 'hello' });
    expect(textContent('@Alicette', [alice])).toEqual({ msgtype: 'm.text', body: '@Alicette' });
  });
});

describe('textContent links', () => {
  it.each([
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x](jav&#x61;script:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox(1))',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '![pixel](javascript:alert(1))',
    '![pixel](https://tracker.example/p.png)',
    '[x](//evil.example/relative)',
  ])('never sends a dangerous link or an image for %j', (text) => {
    const html = textContent(text).formatted_body ?? '';
    expect(html).not.toMatch(/<a\b|<img\b/i);
    expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  });

  it('keeps safe links, normalised and escaped', () => {
    expect(textContent('[**docs**](https://a.example/?q=1&r=2)').formatted_body).toBe(
      '<a href="https://a.example/?q=1&amp;r=2"><strong>docs</strong></a>',
    );
    expect(textContent('[x](https://a.example/"onmouseover="alert(1))').formatted_body).toBe(
      '<a href="https://a.example/%22onmouseover=%22alert(1)">x</a>',
    );
    expect(textContent('write to [me](mailto:me@a.example)').formatted_body).toBe(
      'write to <a href="mailto:me@a.example">me</a>',
    );
  });
});
