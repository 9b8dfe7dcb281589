import { describe, expect, it } from 'vitest';
import type { VoiceMember } from '../../stores/voice-store';
import { serverVoice, voiceChannelByUser } from './who-is-in-voice';

const member = (userId: string, deviceId = 'D'): VoiceMember => ({
  identity: `${userId}:${deviceId}`,
  userId,
  deviceId,
  name: userId,
  avatarMxc: undefined,
});
const channels = [
  { id: '!text', name: 'general', kind: 'text' as const },
  { id: '!a', name: 'General', kind: 'voice' as const },
  { id: '!b', name: 'Games', kind: 'voice' as const },
];
const roster = {
  '!a': [member('@ada:x'), member('@ada:x', 'PHONE'), member('@bo:x')],
  '!b': [member('@cy:x'), member('@ada:x', 'LAPTOP')],
  '!text': [member('@ghost:x')],
  '!elsewhere': [member('@dee:x')],
};

describe('who is in voice', () => {
  it('maps each person once to their voice channel of this server', () => {
    expect([...voiceChannelByUser(channels, roster)]).toEqual([
      ['@ada:x', 'General'],
      ['@bo:x', 'General'],
      ['@cy:x', 'Games'],
    ]);
  });

  it('counts people, not devices, and says whether you are among them', () => {
    expect(serverVoice(channels, roster, '@bo:x')).toEqual({ people: 3, includesYou: true });
    expect(serverVoice(channels, roster, '@dee:x')).toEqual({ people: 3, includesYou: false });
    expect(serverVoice(channels, {}, undefined)).toEqual({ people: 0, includesYou: false });
  });
});
