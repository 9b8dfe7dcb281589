import { describe, expect, it } from 'vitest';
import type { VoiceMember } from '../../stores/voice-store';
import { deviceNumbers, labelOf } from './devices';

const member = (userId: string, deviceId: string): VoiceMember => ({
  identity: `${userId}:${deviceId}`,
  userId,
  deviceId,
  name: userId.slice(1, userId.indexOf(':')),
  avatarMxc: undefined,
});

describe('deviceNumbers', () => {
  it('numbers the devices of people who joined from several, in join order', () => {
    const a1 = member('@ada:hs', 'A1');
    const bo = member('@bo:hs', 'B1');
    const a2 = member('@ada:hs', 'A2');
    const numbers = deviceNumbers([a1, bo, a2]);
    expect(numbers.get(a1.identity)).toBe(1);
    expect(numbers.get(a2.identity)).toBe(2);
    expect(numbers.get(bo.identity)).toBeUndefined();
    expect(labelOf(a2, numbers.get(a2.identity))).toBe('ada (device 2)');
    expect(labelOf(bo, numbers.get(bo.identity))).toBe('bo');
  });
});
