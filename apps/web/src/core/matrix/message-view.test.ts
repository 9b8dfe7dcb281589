import { describe, expect, it } from 'vitest';
import { stripReplyFallback } from './message-view';

describe('stripReplyFallback', () => {
  it('drops the quoted fallback other clients put before a reply', () => {
    expect(stripReplyFallback('> <@alice:example.org> Hello\n> second line\n\nMy answer')).toBe(
      'My answer',
    );
  });

  it('keeps bodies that are not reply fallbacks', () => {
    expect(stripReplyFallback('plain text')).toBe('plain text');
    expect(stripReplyFallback('> only a quote')).toBe('> only a quote');
    expect(stripReplyFallback('text\n> with a quote later')).toBe('text\n> with a quote later');
  });
});
