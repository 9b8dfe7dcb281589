import {
  createConnectionInfoStore,
  IDLE_CONNECTION_INFO,
  type ConnectionInfoStoreApi,
} from '../../stores/connection-info-store';
import { connectionFigures, type StatsReading, type StatsSample } from './connection-stats';

/** How often the open connection info panel reads the call's stats. */
export const CONNECTION_INFO_INTERVAL_MS = 1000;

/**
 * Reads the current call's WebRTC stats about once a second while someone watches (the
 * connection info panel is open), and not at all otherwise.
 */
export class ConnectionMonitor {
  readonly store: ConnectionInfoStoreApi = createConnectionInfoStore();
  private watchers = 0;
  /** Moves on whenever watching starts or stops, so that a reading in flight is dropped. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private previous: StatsSample | undefined;

  constructor(
    /** The current call's stats, or undefined when no call is connected. */
    private readonly read: () => Promise<StatsReading | undefined>,
    private readonly intervalMs = CONNECTION_INFO_INTERVAL_MS,
  ) {}

  /** Starts reading (if nobody else watches already); returns the stop. */
  watch(): () => void {
    this.watchers++;
    if (this.watchers === 1) this.restart(true);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.watchers--;
      if (this.watchers === 0) this.restart(false);
    };
  }

  private restart(watching: boolean): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.previous = undefined;
    this.store.setState({ ...IDLE_CONNECTION_INFO, watching });
    if (watching) void this.tick(this.generation);
  }

  private async tick(generation: number): Promise<void> {
    const reading = await this.read().catch(() => undefined);
    if (generation !== this.generation) return;
    if (reading) {
      const figures = connectionFigures(this.previous, reading.sample);
      this.previous = reading.sample;
      this.store.setState((s) => ({ figures, server: reading.server, readings: s.readings + 1 }));
    } else {
      this.previous = undefined;
      this.store.setState({ figures: undefined, server: undefined });
    }
    this.timer = setTimeout(() => void this.tick(generation), this.intervalMs);
  }
}
