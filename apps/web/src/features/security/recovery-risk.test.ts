import { describe, expect, it } from 'vitest';
import type { SecurityOverview } from '../../stores/security-store';
import { hasEncryptedRooms, recoveryRisk } from './recovery-risk';

const channel = (encrypted: boolean) => ({
  id: '!c',
  name: 'c',
  kind: 'text' as const,
  topic: '',
  unread: 0,
  mentions: 0,
  encrypted,
});

describe('recoveryRisk', () => {
  const cases: [SecurityOverview, boolean, string][] = [
    [{ kind: 'secure', backupVersion: '1' }, true, 'none'],
    [{ kind: 'not-set-up', deviceVerified: true, accountHasIdentity: true }, true, 'no-recovery'],
    [{ kind: 'checking' }, true, 'no-recovery'],
    [{ kind: 'unverified', recoveryAvailable: true }, true, 'unverified'],
    [{ kind: 'not-set-up', deviceVerified: false, accountHasIdentity: false }, false, 'none'],
    [{ kind: 'unverified', recoveryAvailable: false }, false, 'none'],
  ];
  it.each(cases)('%o with encrypted rooms=%s is %s', (overview, encrypted, risk) => {
    expect(recoveryRisk(overview, encrypted)).toBe(risk);
  });
});

describe('hasEncryptedRooms', () => {
  const empty = { directs: [], servers: [], otherRooms: [] };
  it('is false without encrypted rooms', () => {
    expect(hasEncryptedRooms(empty)).toBe(false);
    expect(hasEncryptedRooms({ ...empty, otherRooms: [channel(false)] })).toBe(false);
  });
  it('sees an encrypted DM, other room or server channel', () => {
    expect(
      hasEncryptedRooms({
        ...empty,
        directs: [
          {
            id: '!d',
            name: 'd',
            otherUserId: '@b:x',
            encrypted: true,
            unread: 0,
            mentions: 0,
          },
        ],
      }),
    ).toBe(true);
    expect(hasEncryptedRooms({ ...empty, otherRooms: [channel(true)] })).toBe(true);
    const server = { channels: [channel(true)] } as unknown as (typeof empty.servers)[number];
    expect(hasEncryptedRooms({ ...empty, servers: [server] })).toBe(true);
  });
});
