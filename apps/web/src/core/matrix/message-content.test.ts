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
