import { describe, expect, it } from 'vitest';
import { DND_STATUS_MESSAGE, statusOf } from './members';

describe('statusOf', () => {
  it.each([
    ['online', undefined, 'online'],
    ['online', '', 'online'],
    ['online', 'at lunch', 'online'],
    ['online', DND_STATUS_MESSAGE, 'dnd'],
    ['online', `${DND_STATUS_MESSAGE} · In voice: General`, 'dnd'],
    ['online', 'In voice: General', 'online'],
    ['unavailable', undefined, 'idle'],
    ['offline', undefined, 'offline'],
    [undefined, undefined, 'offline'],
    ['busy', undefined, 'dnd'],
  ] as const)('%s + %j is %s', (presence, message, expected) => {
    expect(statusOf(presence, message)).toBe(expected);
  });
});
