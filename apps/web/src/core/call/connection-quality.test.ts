import { describe, expect, it } from 'vitest';
import { barsOf, qualityLabel, qualityLevelOf, withQuality } from './connection-quality';

describe('connection quality', () => {
  it.each([
    ['excellent', 'excellent', 3],
    ['good', 'good', 2],
    ['poor', 'poor', 1],
    ['lost', 'lost', 0],
    ['unknown', 'unknown', 0],
    ['something new', 'unknown', 0],
    [undefined, 'unknown', 0],
  ] as const)('maps %s to %s with %i bars', (value, level, bars) => {
    expect(qualityLevelOf(value)).toBe(level);
    expect(barsOf(qualityLevelOf(value))).toBe(bars);
  });

  it('names the indicator for screen readers', () => {
    expect(qualityLabel('good')).toBe('Connection: good');
  });

  it('changes only the participant whose quality changed, and keeps the map when unchanged', () => {
    const before = { a: 'good' as const, b: 'excellent' as const };
    expect(withQuality(before, 'a', 'good')).toBe(before);
    const after = withQuality(before, 'a', 'poor');
    expect(after).toEqual({ a: 'poor', b: 'excellent' });
    expect(before.a).toBe('good');
  });
});
