import { describe, expect, it } from 'vitest';
import { removalFrom } from './removals';

const room = {
  roomId: '!s:hs',
  roomName: 'Space',
  isServer: true,
  nameOf: (id: string) => (id === '@mod:hs' ? 'Mod' : id),
};

describe('removalFrom', () => {
  it('is a kick when someone else set your membership to leave', () => {
    expect(
      removalFrom(
        { sender: '@mod:hs', content: { membership: 'leave', reason: ' spam ' } },
        '@me:hs',
        room,
      ),
    ).toEqual({
      roomId: '!s:hs',
      roomName: 'Space',
      isServer: true,
      how: 'kick',
      by: '@mod:hs',
      byName: 'Mod',
      reason: 'spam',
    });
  });
  it('is a ban, with no reason when the reason is empty or not a string', () => {
    const ban = removalFrom(
      { sender: '@x:hs', content: { membership: 'ban', reason: 7 } },
      '@me:hs',
      room,
    );
    expect(ban).toMatchObject({ how: 'ban', byName: '@x:hs', reason: undefined });
    expect(
      removalFrom({ sender: '@x:hs', content: { membership: 'ban', reason: '  ' } }, '@me:hs', room)
        ?.reason,
    ).toBeUndefined();
  });
  it('is no removal when you left yourself, or are joined or invited', () => {
    const cases: [string, string][] = [
      ['@me:hs', 'leave'],
      ['@mod:hs', 'join'],
      ['@mod:hs', 'invite'],
      ['', 'leave'],
    ];
    for (const [sender, membership] of cases)
      expect(removalFrom({ sender, content: { membership } }, '@me:hs', room)).toBeUndefined();
  });
  it('keeps a long reason to 500 characters', () => {
    const long = 'x'.repeat(2000);
    expect(
      removalFrom(
        { sender: '@mod:hs', content: { membership: 'leave', reason: long } },
        '@me:hs',
        room,
      )?.reason,
    ).toHaveLength(500);
  });
});
