import { describe, expect, it } from 'vitest';
import type { CallEntry } from './call-history';
import { callDuration, describeCall } from './call-summary';

const names: Record<string, string> = { '@ada:x': 'Ada', '@bo:x': 'Bo', '@cy:x': 'Cy' };
const nameOf = (id: string) => names[id] ?? id;
const T0 = 1_800_000_000_000;

const call = (over: Partial<CallEntry>): CallEntry => ({
  id: '$start',
  startTs: T0,
  starter: '@ada:x',
  joined: ['@ada:x', '@bo:x'],
  status: { kind: 'ended', endTs: T0 + 12 * 60_000 + 5000 },
  ring: undefined,
  ...over,
});

describe('describeCall', () => {
  it('says who started an ended call, who joined and how long it lasted', () => {
    expect(describeCall(call({ joined: ['@ada:x', '@bo:x', '@cy:x'] }), '@bo:x', nameOf)).toEqual({
      id: '$start',
      ts: T0,
      kind: 'ended',
      text: 'Ada started a call · Ada, Bo and Cy joined · 12 minutes',
    });
  });

  it('says a call is going on, and who is in it now', () => {
    const view = describeCall(
      call({ status: { kind: 'ongoing', present: ['@bo:x'] } }),
      '@ada:x',
      nameOf,
    );
    expect(view).toMatchObject({
      kind: 'ongoing',
      text: 'Ada started a call · Call ongoing · Bo in the call',
    });
  });

  const ring = (outcome: 'missed' | 'declined', declinedBy: string[] = []) =>
    call({
      joined: ['@ada:x'],
      ring: { caller: '@ada:x', callees: ['@bo:x'], outcome, declinedBy },
    });

  it('shows a missed ring as missed to the callee, and unanswered to the caller', () => {
    expect(describeCall(ring('missed'), '@bo:x', nameOf)).toMatchObject({
      kind: 'missed',
      text: 'Missed call from Ada',
    });
    expect(describeCall(ring('missed'), '@ada:x', nameOf).text).toBe("Bo didn't answer");
    const unnamed = ring('missed');
    unnamed.ring!.callees = [];
    expect(describeCall(unnamed, '@ada:x', nameOf).text).toBe('No one answered your call');
    // A ring to the whole room (what the SDK sends) in a DM rang its one other member.
    expect(describeCall(unnamed, '@ada:x', nameOf, ['@bo:x']).text).toBe("Bo didn't answer");
    expect(describeCall(unnamed, '@ada:x', nameOf, ['@bo:x', '@cy:x']).text).toBe(
      'No one answered your call',
    );
  });

  it('shows a declined ring as declined, to both sides', () => {
    expect(describeCall(ring('declined', ['@bo:x']), '@ada:x', nameOf)).toMatchObject({
      kind: 'declined',
      text: 'Bo declined the call',
    });
    expect(describeCall(ring('declined', ['@bo:x']), '@bo:x', nameOf).text).toBe(
      'You declined the call from Ada',
    );
  });

  it('shows an answered ring as an ordinary call', () => {
    const answered = call({
      ring: { caller: '@ada:x', callees: ['@bo:x'], outcome: 'answered', declinedBy: [] },
    });
    expect(describeCall(answered, '@bo:x', nameOf).kind).toBe('ended');
  });
});

describe('callDuration', () => {
  it.each([
    [0, '0 seconds'],
    [1000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, '1 minute'],
    [3_599_000, '59 minutes'],
    [3_600_000, '1 hour'],
    [2 * 3_600_000 + 5 * 60_000, '2 hours 5 minutes'],
    [-5, '0 seconds'],
  ])('%d ms is %s', (ms, text) => {
    expect(callDuration(ms)).toBe(text);
  });
});
