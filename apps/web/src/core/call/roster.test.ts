import { describe, expect, it } from 'vitest';
import { rosterOf, type MemberDirectory, type MembershipLike } from './roster';

const directory = (
  members: Record<string, { name: string; avatar?: string | null }>,
): MemberDirectory => ({
  getMember: (userId) => {
    const m = members[userId];
    return m ? { name: m.name, getMxcAvatarUrl: () => m.avatar } : null;
  },
});

const membership = (userId: string, deviceId: string, identity: unknown): MembershipLike =>
  ({ userId, deviceId, rtcBackendIdentity: identity }) as MembershipLike;

describe('rosterOf', () => {
  it('names members from the room directory, keeping join order, one entry per device', () => {
    const room = directory({
      '@alice:example.org': { name: 'Alice', avatar: 'mxc://example.org/a' },
      '@bob:example.org': { name: 'Bob', avatar: null },
    });
    const roster = rosterOf(
      [
        membership('@bob:example.org', 'BOBPHONE', '@bob:example.org:BOBPHONE'),
        membership('@alice:example.org', 'ALICE1', '@alice:example.org:ALICE1'),
        membership('@alice:example.org', 'ALICE2', '@alice:example.org:ALICE2'),
      ],
      room,
    );
    expect(roster).toEqual([
      {
        identity: '@bob:example.org:BOBPHONE',
        userId: '@bob:example.org',
        deviceId: 'BOBPHONE',
        name: 'Bob',
        avatarMxc: undefined,
      },
      {
        identity: '@alice:example.org:ALICE1',
        userId: '@alice:example.org',
        deviceId: 'ALICE1',
        name: 'Alice',
        avatarMxc: 'mxc://example.org/a',
      },
      {
        identity: '@alice:example.org:ALICE2',
        userId: '@alice:example.org',
        deviceId: 'ALICE2',
        name: 'Alice',
        avatarMxc: 'mxc://example.org/a',
      },
    ]);
  });

  it('falls back to the user ID when the room does not know the member', () => {
    const [only] = rosterOf([membership('@ghost:example.org', 'DEV', 'id-1')], directory({}));
    expect(only).toMatchObject({ name: '@ghost:example.org', avatarMxc: undefined });
  });

  it('keeps only the first membership for an identity', () => {
    const roster = rosterOf(
      [
        membership('@a:example.org', 'D1', 'same'),
        membership('@b:example.org', 'D2', 'other'),
        membership('@c:example.org', 'D3', 'same'),
      ],
      directory({}),
    );
    expect(roster.map((m) => [m.userId, m.identity])).toEqual([
      ['@a:example.org', 'same'],
      ['@b:example.org', 'other'],
    ]);
  });

  const long = 'x'.repeat(256);
  it.each([
    ['an empty user ID', membership('', 'DEV', 'id')],
    ['an empty device ID', membership('@u:example.org', '', 'id')],
    ['an empty identity', membership('@u:example.org', 'DEV', '')],
    ['a missing user ID', membership(undefined as unknown as string, 'DEV', 'id')],
    ['a missing device ID', membership('@u:example.org', undefined as unknown as string, 'id')],
    ['a missing identity', membership('@u:example.org', 'DEV', undefined)],
    ['a numeric identity', membership('@u:example.org', 'DEV', 42)],
    ['an object user ID', membership({} as unknown as string, 'DEV', 'id')],
    ['an oversize user ID', membership(`@${long}`, 'DEV', 'id')],
    ['an oversize device ID', membership('@u:example.org', long, 'id')],
    ['an oversize identity', membership('@u:example.org', 'DEV', long)],
  ])('skips a membership with %s', (_label, bad) => {
    const roster = rosterOf(
      [bad, membership('@ok:example.org', 'OK', 'ok-id')],
      directory({ '@ok:example.org': { name: 'Ok' } }),
    );
    expect(roster.map((m) => m.identity)).toEqual(['ok-id']);
  });

  it('accepts IDs of exactly 255 characters', () => {
    const max = 'y'.repeat(255);
    expect(rosterOf([membership(max, max, max)], directory({}))).toHaveLength(1);
  });

  it('skips a membership whose rtcBackendIdentity getter throws', () => {
    const throwing = {
      userId: '@bad:example.org',
      deviceId: 'BAD',
      get rtcBackendIdentity(): string {
        throw new Error('malformed membership');
      },
    } as MembershipLike;
    const roster = rosterOf(
      [throwing, membership('@ok:example.org', 'OK', 'ok-id')],
      directory({}),
    );
    expect(roster.map((m) => m.identity)).toEqual(['ok-id']);
  });

  it('does not let a skipped membership reserve its identity', () => {
    const roster = rosterOf(
      [membership('', 'DEV', 'shared'), membership('@ok:example.org', 'OK', 'shared')],
      directory({}),
    );
    expect(roster.map((m) => m.userId)).toEqual(['@ok:example.org']);
  });

  it('returns an empty roster for no memberships', () => {
    expect(rosterOf([], directory({}))).toEqual([]);
  });
});
