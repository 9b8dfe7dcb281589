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
