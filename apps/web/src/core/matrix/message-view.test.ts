import { describe, expect, it } from 'vitest';
import { DecryptionFailureCode } from 'matrix-js-sdk/lib/crypto-api';
import { stripReplyFallback, undecryptableText } from './message-view';

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

describe('undecryptableText', () => {
  it.each([
    [DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP, /before this device signed in/],
    [DecryptionFailureCode.HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED, /Verify this device/],
    [DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP, /before this device signed in/],
    [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED, /before you joined/],
    [DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID, /^Unable to decrypt this message\.$/],
    [null, /^Unable to decrypt this message\.$/],
  ])('explains %s', (reason, text) => {
    expect(undecryptableText(reason)).toMatch(text);
  });
});
