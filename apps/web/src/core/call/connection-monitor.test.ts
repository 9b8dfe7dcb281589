import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionMonitor } from './connection-monitor';
import type { StatsReading } from './connection-stats';

const server = { url: 'ws://127.0.0.1:7880', region: undefined };

/** A call whose sent-byte counter grows by 1000 bytes per reading. */
function fakeCall() {
  let bytes = 0;
  let at = 0;
  const read = vi.fn((): Promise<StatsReading | undefined> =>
    Promise.resolve({
      server,
      sample: {
        at: (at += 1000),
        groups: [
          {
            key: 'mic',
            direction: 'send',
            stats: [{ id: 'O', type: 'outbound-rtp', kind: 'audio', bytesSent: (bytes += 1000) }],
          },
        ],
      },
    }),
  );
  return read;
}

describe('ConnectionMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads nothing until watched, then about once a second, and stops when closed', async () => {
    const read = fakeCall();
    const monitor = new ConnectionMonitor(read, 1000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).not.toHaveBeenCalled();

    const stop = monitor.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    expect(monitor.store.getState()).toMatchObject({ watching: true, readings: 1, server });
    expect(monitor.store.getState().figures?.kbpsUp).toBeUndefined();

    await vi.advanceTimersByTimeAsync(3000);
    expect(read).toHaveBeenCalledTimes(4);
    expect(monitor.store.getState().figures?.kbpsUp).toBe(8);

    stop();
    expect(monitor.store.getState()).toMatchObject({ watching: false, figures: undefined });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(read).toHaveBeenCalledTimes(4);
    stop(); // twice is harmless
    expect(monitor.store.getState().watching).toBe(false);
  });

  it('keeps reading while any of several watchers remains', async () => {
    const read = fakeCall();
    const monitor = new ConnectionMonitor(read, 1000);
    const first = monitor.watch();
    const second = monitor.watch();
    await vi.advanceTimersByTimeAsync(1000);
    first();
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(3);
    second();
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('drops a reading that finishes after the panel closed', async () => {
    let finish: (reading: StatsReading | undefined) => void = () => undefined;
    const read = vi.fn(() => new Promise<StatsReading | undefined>((r) => (finish = r)));
    const monitor = new ConnectionMonitor(read, 1000);
    const stop = monitor.watch();
    stop();
    finish({ server, sample: { at: 0, groups: [] } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(monitor.store.getState()).toMatchObject({ watching: false, server: undefined });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('shows nothing while there is no connected call, and survives a failed reading', async () => {
    const read = vi
      .fn<() => Promise<StatsReading | undefined>>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('closed'))
      .mockResolvedValue({ server, sample: { at: 0, groups: [] } });
    const monitor = new ConnectionMonitor(read, 1000);
    monitor.watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.store.getState()).toMatchObject({ figures: undefined, readings: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(monitor.store.getState()).toMatchObject({ server, readings: 1 });
  });
});
