import { EventEmitter } from 'node:events';
import { MatrixEvent, MatrixEventEvent, RoomEvent, SyncState, type Room } from 'matrix-js-sdk';
import { describe, expect, it } from 'vitest';
import { bindNotifications, type NotificationSink, type NotifyClient } from './notifications';

function setup(
  opts: {
    hidden?: boolean;
    permitted?: boolean;
    dnd?: boolean;
    direct?: boolean;
    highlight?: boolean;
  } = {},
) {
  const emitter = new EventEmitter();
  const client = {
    on: (name: string, fn: (...args: unknown[]) => void) => emitter.on(name, fn),
    off: (name: string, fn: (...args: unknown[]) => void) => emitter.off(name, fn),
    getSyncState: () => SyncState.Syncing,
    getUserId: () => '@me:example.org',
    getPushActionsForEvent: () => ({
      notify: true,
      tweaks: { highlight: opts.highlight ?? false },
    }),
  } as unknown as NotifyClient;
  const shown: { title: string; body: string }[] = [];
  const sink: NotificationSink = {
    hidden: () => opts.hidden ?? true,
    permitted: () => opts.permitted ?? true,
    show: (title, body) => void shown.push({ title, body }),
  };
  const unbind = bindNotifications(
    client,
    { doNotDisturb: () => opts.dnd ?? false, isDirect: () => opts.direct ?? false },
    sink,
  );
  const room = {
    roomId: '!r:example.org',
    name: 'general',
    getMember: () => ({ name: 'Alice' }),
  } as unknown as Room;
  const send = (sender = '@alice:example.org', live = true) =>
    emitter.emit(
      RoomEvent.Timeline,
      new MatrixEvent({
        type: 'm.room.message',
        sender,
        event_id: `$${Math.random()}`,
        content: { msgtype: 'm.text', body: 'hi @me' },
      }),
      room,
      false,
      false,
      { liveEvent: live },
    );
  /** An encrypted message: notified (or not) only once it has been decrypted. */
  const sendEncrypted = () => {
    const event = new MatrixEvent({
      type: 'm.room.encrypted',
      sender: '@alice:example.org',
      event_id: `$${Math.random()}`,
      content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x' },
    });
    emitter.emit(RoomEvent.Timeline, event, room, false, false, { liveEvent: true });
    return () => {
      event.makeEncrypted('m.room.encrypted', event.getContent(), 'curve', 'ed');
      (event as unknown as { clearEvent: object }).clearEvent = {
        type: 'm.room.message',
        content: { msgtype: 'm.text', body: 'secret hi' },
      };
      event.emit(MatrixEventEvent.Decrypted, event);
    };
  };
  return { shown, send, sendEncrypted, unbind };
}

describe('desktop notifications', () => {
  it('notifies a mention while the tab is hidden', () => {
    const t = setup({ highlight: true });
    t.send();
    expect(t.shown).toEqual([{ title: 'Alice in general', body: 'hi @me' }]);
  });

  it('notifies any message in a DM, titled with the sender', () => {
    const t = setup({ direct: true });
    t.send();
    expect(t.shown).toEqual([{ title: 'Alice', body: 'hi @me' }]);
  });

  it('notifies an encrypted DM message once it is decrypted, with its text', () => {
    const t = setup({ direct: true });
    const decrypt = t.sendEncrypted();
    expect(t.shown).toEqual([]);
    decrypt();
    expect(t.shown).toEqual([{ title: 'Alice', body: 'secret hi' }]);
  });

  it.each([
    ['the tab is visible', { hidden: false, highlight: true }],
    ['permission was not given', { permitted: false, highlight: true }],
    ['Do Not Disturb is on', { dnd: true, highlight: true }],
    ['it is neither a mention nor a DM', {}],
  ])('stays quiet when %s', (_why, opts) => {
    const t = setup(opts);
    t.send();
    expect(t.shown).toEqual([]);
  });

  it('ignores your own messages, history and everything after unbinding', () => {
    const t = setup({ direct: true });
    t.send('@me:example.org');
    t.send('@alice:example.org', false);
    t.unbind();
    t.send();
    expect(t.shown).toEqual([]);
  });
});
