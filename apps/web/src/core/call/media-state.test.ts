import { describe, expect, it } from 'vitest';
import type { MediaState, VoiceMember } from '../../stores/voice-store';
import { sameMedia, userOfIdentity } from './media-state';

const member = (identity: string, userId: string): VoiceMember => ({
  identity,
  userId,
  deviceId: 'DEV',
  name: userId,
  avatarMxc: undefined,
});

describe('userOfIdentity', () => {
  it('prefers the roster over parsing the identity', () => {
    const roster = [
      member('opaque-hash-1', '@alice:example.org'),
      member('@bob:example.org:PHONE', '@robert:example.org'),
    ];
    expect(userOfIdentity('opaque-hash-1', roster)).toBe('@alice:example.org');
    expect(userOfIdentity('@bob:example.org:PHONE', roster)).toBe('@robert:example.org');
  });

  it.each([
    ['@carol:example.org:LAPTOP', '@carol:example.org'],
    ['@carol:example.org:8448:LAPTOP', '@carol:example.org:8448'],
    ['@carol:example.org:', '@carol:example.org'],
  ])('reads the user from the legacy identity %s', (identity, user) => {
    expect(userOfIdentity(identity, [member('other', '@x:example.org')])).toBe(user);
  });

  it.each(['opaque-hash-2', '@carol:example.org', 'carol:example.org:LAPTOP', '@nocolon', ''])(
    'returns %j itself when it is neither in the roster nor legacy',
    (identity) => {
      expect(userOfIdentity(identity, [])).toBe(identity);
    },
  );
});

describe('sameMedia', () => {
  const base: MediaState = {
    micMuted: false,
    deafened: false,
    encrypted: true,
    connected: true,
    camera: undefined,
    screen: undefined,
    screenAudio: false,
  };

  it('is true for equal states', () => {
    expect(sameMedia(base, { ...base })).toBe(true);
  });

  it('is false when there is no previous state', () => {
    expect(sameMedia(undefined, base)).toBe(false);
  });

  it.each(['micMuted', 'deafened', 'encrypted', 'connected', 'screenAudio'] as const)(
    'is false when %s differs',
    (field) => {
      expect(sameMedia(base, { ...base, [field]: !base[field] })).toBe(false);
    },
  );

  it.each(['camera', 'screen'] as const)('is false when the %s track changes', (field) => {
    expect(sameMedia(base, { ...base, [field]: 'TR_a' })).toBe(false);
    expect(sameMedia({ ...base, [field]: 'TR_a' }, { ...base, [field]: 'TR_b' })).toBe(false);
  });
});
