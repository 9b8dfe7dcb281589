import { describe, expect, it } from 'vitest';
import {
  composeStatusMessage,
  isCallActivity,
  parseStatusMessage,
  voiceActivity,
} from './status-message';

describe('status message', () => {
  it.each([
    [{ dnd: false, activity: undefined }, ''],
    [{ dnd: true, activity: undefined }, 'Do not disturb'],
    [{ dnd: false, activity: 'In voice: General' }, 'In voice: General'],
    [{ dnd: true, activity: 'In voice: General' }, 'Do not disturb · In voice: General'],
  ])('%j is written as %j and read back', (note, text) => {
    expect(composeStatusMessage(note)).toBe(text);
    expect(parseStatusMessage(text)).toEqual(note);
  });

  it('keeps a status another client wrote as the activity', () => {
    expect(parseStatusMessage('  at lunch ')).toEqual({ dnd: false, activity: 'at lunch' });
    expect(parseStatusMessage(undefined)).toEqual({ dnd: false, activity: undefined });
  });

  it('names a channel only when it is not private', () => {
    expect(voiceActivity({ kind: 'channel', name: 'General', private: false })).toBe(
      'In voice: General',
    );
    expect(voiceActivity({ kind: 'channel', name: 'Secret', private: true })).toBe('In voice');
    expect(voiceActivity({ kind: 'direct' })).toBe('In a call');
  });

  it('tells call activities from other text', () => {
    for (const a of ['In voice: General', 'In voice', 'In a call'])
      expect(isCallActivity(a)).toBe(true);
    for (const a of [undefined, 'at lunch', 'In voicemail hell'])
      expect(isCallActivity(a)).toBe(false);
  });
});
