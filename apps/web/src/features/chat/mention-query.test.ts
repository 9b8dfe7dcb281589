import { describe, expect, it } from 'vitest';
import { insertMention, mentionQueryAt } from './mention-query';

describe('mention autocomplete', () => {
  it.each([
    ['@al', 3, { trigger: '@', query: 'al', start: 0 }],
    ['hi @', 4, { trigger: '@', query: '', start: 3 }],
    ['see #gen', 8, { trigger: '#', query: 'gen', start: 4 }],
    ['mail@example', 12, undefined],
    ['@al and more', 12, undefined],
  ] as const)('%j at %d', (text, caret, expected) => {
    expect(mentionQueryAt(text, caret)).toEqual(expected);
  });

  it('replaces the typed query with the mention', () => {
    const at = mentionQueryAt('hi @al!', 6);
    expect(at).toBeDefined();
    expect(insertMention('hi @al!', at!, '@Alice')).toEqual({ text: 'hi @Alice !', caret: 10 });
  });
});
