import { describe, expect, it } from 'vitest';
import type { CallView, MessageView } from '../../core/matrix/room-timeline';
import { firstUnreadAfter, GROUP_MS, timelineRows } from './timeline-rows';

const DAY = 24 * 60 * 60 * 1000;
const noon = new Date(2026, 10, 20, 12).getTime();

function message(id: string, sender: string, ts: number, own = false): MessageView {
  return {
    id,
    sender,
    senderName: sender,
    ts,
    body: id,
    formattedBody: undefined,
    msgtype: 'm.text',
    status: 'sent',
    edited: false,
    redacted: false,
    own,
    replyTo: undefined,
    reactions: [],
    media: undefined,
  };
}

const shape = (rows: ReturnType<typeof timelineRows>) =>
  rows.map((r) =>
    r.kind === 'message' ? `${r.key}${r.grouped ? '+' : ''}` : r.kind === 'call' ? r.key : r.kind,
  );

const call = (id: string, ts: number): CallView => ({
  id,
  ts,
  kind: 'ended',
  text: 'Ada started a call · Ada and Bo joined · 12 seconds',
});

describe('timelineRows', () => {
  it('groups one person’s messages close in time, and starts a group on a new person', () => {
    const rows = timelineRows(
      [
        message('a1', 'ada', noon),
        message('a2', 'ada', noon + 60_000),
        message('b1', 'bo', noon + 120_000),
        message('b2', 'bo', noon + 120_000 + GROUP_MS),
      ],
      { atStart: true, firstUnreadId: undefined },
    );
    expect(shape(rows)).toEqual(['start', 'day', 'a1', 'a2+', 'b1', 'b2']);
  });

  it('puts a date divider at each new day, which also breaks a group', () => {
    const rows = timelineRows([message('a1', 'ada', noon), message('a2', 'ada', noon + DAY)], {
      atStart: true,
      firstUnreadId: undefined,
    });
    expect(shape(rows)).toEqual(['start', 'day', 'a1', 'day', 'a2']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('puts the new-messages divider before the first unread one, starting a new group there', () => {
    const rows = timelineRows([message('b1', 'bo', noon), message('b2', 'bo', noon + 1000)], {
      atStart: false,
      firstUnreadId: 'b2',
    });
    expect(shape(rows)).toEqual(['b1', 'unread', 'b2']);
  });

  it('gives messages still being sent (no ID yet) a key of their own', () => {
    const rows = timelineRows([message('', 'ada', noon), message('', 'ada', noon + 1)], {
      atStart: false,
      firstUnreadId: '',
    });
    expect(shape(rows)).toEqual(['pending-0', 'pending-1+']);
  });

  it('puts no date divider above the oldest loaded message while older ones may load', () => {
    const messages = [message('a1', 'ada', noon), message('a2', 'ada', noon + DAY)];
    expect(shape(timelineRows(messages, { atStart: false, firstUnreadId: undefined }))).toEqual([
      'a1',
      'day',
      'a2',
    ]);
  });
});

describe('timelineRows with calls', () => {
  it('puts each call, one row, where it started among the messages, breaking a group', () => {
    const rows = timelineRows([message('a1', 'ada', noon), message('a2', 'ada', noon + 2000)], {
      atStart: false,
      firstUnreadId: undefined,
      calls: [call('$c1', noon + 1000)],
    });
    expect(shape(rows)).toEqual(['a1', 'call-$c1', 'a2']);
  });

  it('puts calls after the newest message at the end, and calls alone in a channel', () => {
    expect(
      shape(
        timelineRows([message('a1', 'ada', noon)], {
          atStart: true,
          firstUnreadId: undefined,
          calls: [call('$c1', noon + 1), call('$c2', noon + DAY)],
        }),
      ),
    ).toEqual(['start', 'day', 'a1', 'call-$c1', 'day', 'call-$c2']);
    expect(
      shape(
        timelineRows([], { atStart: true, firstUnreadId: undefined, calls: [call('$c', noon)] }),
      ),
    ).toEqual(['start', 'day', 'call-$c']);
  });

  it('keeps the new-messages divider on the first unread message, after a call before it', () => {
    const rows = timelineRows([message('b1', 'bo', noon), message('b2', 'bo', noon + 2000)], {
      atStart: false,
      firstUnreadId: 'b2',
      calls: [call('$c', noon + 1000)],
    });
    expect(shape(rows)).toEqual(['b1', 'call-$c', 'unread', 'b2']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});

describe('firstUnreadAfter', () => {
  const messages = [
    message('m1', 'bo', noon),
    message('m2', 'me', noon + 1, true),
    message('m3', 'bo', noon + 2),
  ];

  it('is the first message from someone else after your read position', () => {
    expect(firstUnreadAfter(messages, 'm1')).toBe('m3');
  });

  it('is nothing when all is read, nothing is known, or the position is not loaded', () => {
    expect(firstUnreadAfter(messages, 'm3')).toBeUndefined();
    expect(firstUnreadAfter(messages, undefined)).toBeUndefined();
    expect(firstUnreadAfter(messages, 'older')).toBeUndefined();
  });
});
