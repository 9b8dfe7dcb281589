import { describe, expect, it } from 'vitest';
import { roleOf } from './server-admin';

describe('roleOf', () => {
  it.each([
    [100, 'owner'],
    [150, 'owner'],
    [75, 'admin'],
    [99, 'admin'],
    [50, 'moderator'],
    [0, 'member'],
    [-10, 'member'],
  ] as const)('power level %d is %s', (level, role) => {
    expect(roleOf(level)).toBe(role);
  });
});
