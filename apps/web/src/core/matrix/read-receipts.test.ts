import { describe, expect, it } from 'vitest';
import { readersByMessage, seenByText } from './read-receipts';

describe('readersByMessage', () => {
  const events = ['$m1', '$reaction', '$m2', '$state', '$m3'];
  const shown = new Set(['$m1', '$m2', '$m3']);

  it('places each reader at their message, or the shown message before their position', () => {
    const readers = readersByMessage(
      events,
      shown,
      new Map([
        ['Ada', '$m3'],
        ['Bo', '$reaction'],
        ['Cy', '$state'],
        ['Di', '$m2'],
      ]),
    );
    expect(readers).toEqual({ $m3: ['Ada'], $m1: ['Bo'], $m2: ['Cy', 'Di'] });
  });

  it('leaves out positions outside the loaded timeline or before any message', () => {
    expect(
      readersByMessage(
        ['$state', '$m1'],
        new Set(['$m1']),
        new Map([
          ['Old', '$long-ago'],
          ['Early', '$state'],
        ]),
      ),
    ).toEqual({});
  });
});

describe('seenByText', () => {
  it('names up to three people, then counts', () => {
    expect(seenByText(['Bo'])).toBe('Seen by Bo');
    expect(seenByText(['Bo', 'Ada'])).toBe('Seen by Ada and Bo');
    expect(seenByText(['Cy', 'Bo', 'Ada'])).toBe('Seen by Ada, Bo and Cy');
    expect(seenByText(['Di', 'Cy', 'Bo', 'Ada', 'Ed'])).toBe('Seen by Ada, Bo and 3 others');
  });
});
