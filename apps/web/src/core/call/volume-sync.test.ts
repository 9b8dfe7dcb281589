import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { ClientEvent, MatrixEvent, SyncState } from 'matrix-js-sdk';
import { EventTypes } from '../matrix/event-types';
import { VolumeSync, type VolumeSyncClient } from './volume-sync';
import type { PeoplePrefs } from './voice-prefs';

const TYPE = EventTypes.HaosVoiceVolumes;

/** An account-data store with the client's events, as the homeserver would echo writes. */
class FakeAccount extends EventEmitter {
  data = new Map<string, Record<string, unknown>>();
  synced = false;
  failWrites = 0;
  writes: Record<string, unknown>[] = [];
  isInitialSyncComplete = () => this.synced;
  getAccountData = (type: string) => {
    const content = this.data.get(type);
    return content ? new MatrixEvent({ type, content }) : undefined;
  };
  setAccountData = (type: string, content: Record<string, unknown>) => {
    if (this.failWrites > 0) {
      this.failWrites--;
      return Promise.reject(new Error('offline'));
    }
    this.writes.push(content);
    this.data.set(type, content);
    // The echo comes back later, through sync.
    setTimeout(() => this.emit(ClientEvent.AccountData, new MatrixEvent({ type, content })), 10);
    return Promise.resolve({});
  };
  /** Another device of the same account writes. */
  remote(content: Record<string, unknown>) {
    this.data.set(TYPE, content);
    this.emit(ClientEvent.AccountData, new MatrixEvent({ type: TYPE, content }));
  }
}

const NONE: PeoplePrefs = { volumes: {}, localMutes: {} };

function setup(local: PeoplePrefs = NONE, synced = true) {
  const account = new FakeAccount();
  account.synced = synced;
  const received: PeoplePrefs[] = [];
  let current = local;
  const sync = new VolumeSync(
    account as unknown as VolumeSyncClient,
    () => current,
    (people) => {
      current = people;
      received.push(people);
    },
    100,
  );
  return { account, received, sync, set: (p: PeoplePrefs) => (current = p) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('VolumeSync', () => {
  it('takes the account’s volumes and mutes on start, dropping malformed entries', () => {
    const { account, received, sync } = setup();
    account.data.set(TYPE, {
      volumes: { '@a:x': 1.5, '@b:x': 'loud', '@c:x': 9 },
      local_mutes: { '@d:x': true, '@e:x': 'yes' },
    });
    sync.start();
    expect(received).toEqual([
      { volumes: { '@a:x': 1.5, '@c:x': 2 }, localMutes: { '@d:x': true } },
    ]);
  });

  it('waits for the first sync before deciding, then uploads what this device remembered', async () => {
    const local = { volumes: { '@a:x': 0.5 }, localMutes: {} };
    const { account, received, sync } = setup(local, false);
    sync.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(account.writes).toEqual([]);
    account.emit(ClientEvent.Sync, SyncState.Prepared);
    await vi.advanceTimersByTimeAsync(150);
    expect(account.writes).toEqual([{ volumes: { '@a:x': 0.5 }, local_mutes: {} }]);
    // Our own echo is not applied back.
    expect(received).toEqual([]);
  });

  it('uploads nothing for a new device with nothing remembered', async () => {
    const { account, sync } = setup();
    sync.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(account.writes).toEqual([]);
  });

  it('writes a burst of changes once, after a pause', async () => {
    const { account, sync } = setup();
    sync.start();
    for (const v of [0.9, 0.8, 0.7]) sync.push({ volumes: { '@a:x': v }, localMutes: {} });
    await vi.advanceTimersByTimeAsync(99);
    expect(account.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(account.writes).toEqual([{ volumes: { '@a:x': 0.7 }, local_mutes: {} }]);
  });

  it('applies changes made on another device', () => {
    const { account, received, sync } = setup();
    sync.start();
    account.remote({ volumes: { '@a:x': 0.3 }, local_mutes: { '@b:x': true } });
    expect(received).toEqual([{ volumes: { '@a:x': 0.3 }, localMutes: { '@b:x': true } }]);
  });

  it('keeps a change not yet written over one that arrives meanwhile', async () => {
    const { account, received, sync } = setup();
    sync.start();
    sync.push({ volumes: { '@a:x': 1.2 }, localMutes: {} });
    account.remote({ volumes: { '@a:x': 0.1 }, local_mutes: {} });
    expect(received).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(account.data.get(TYPE)).toEqual({ volumes: { '@a:x': 1.2 }, local_mutes: {} });
  });

  it('tries a failed write again, backing off, and keeps the change', async () => {
    const { account, sync } = setup();
    sync.start();
    account.failWrites = 2;
    sync.push({ volumes: {}, localMutes: { '@a:x': true } });
    await vi.advanceTimersByTimeAsync(100); // fails
    await vi.advanceTimersByTimeAsync(200); // fails again
    expect(account.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(account.writes).toEqual([{ volumes: {}, local_mutes: { '@a:x': true } }]);
  });

  it('on stop, writes a change still waiting and stops listening', async () => {
    const { account, received, sync } = setup();
    sync.start();
    sync.push({ volumes: { '@a:x': 0.4 }, localMutes: {} });
    await sync.stop();
    expect(account.writes).toEqual([{ volumes: { '@a:x': 0.4 }, local_mutes: {} }]);
    account.remote({ volumes: { '@z:x': 1 }, local_mutes: {} });
    expect(received).toEqual([]);
  });
});
