import type { VoiceSettings } from './voice-settings';

/** Voice activity keeps sending this long after the level drops, so words are not clipped. */
export const VOICE_HANGOVER_MS = 400;
/** "Determine automatically": send when this far above the background noise. */
export const AUTO_MARGIN_DB = 15;
/** How fast the estimated background noise may rise (dB per second); it falls at once. */
export const FLOOR_RISE_DB_PER_S = 1;
const FLOOR_START_DB = -70;
const AUTO_MIN_DB = -70;
const AUTO_MAX_DB = -20;

/** The level of a signal in dBFS (full scale = 0), from its RMS; silence is -100. */
export const toDb = (rms: number) => (rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100);

export type GateSettings = Pick<
  VoiceSettings,
  'mode' | 'thresholdDb' | 'autoThreshold' | 'pttReleaseMs'
>;

/**
 * Decides whether your microphone is sent right now, from its level (voice activity) or the
 * push-to-talk key (with its release delay). Pure and clock-free: callers pass `now` in ms, so
 * that tests drive it with a fake clock and levels.
 */
export class InputGate {
  open = false;
  private lastLoud = -Infinity;
  private held = false;
  private releasedAt: number | undefined;
  private floorDb = FLOOR_START_DB;
  private lastPush: number | undefined;

  constructor(private settings: GateSettings) {}

  configure(settings: GateSettings): void {
    if (settings.mode !== this.settings.mode) {
      this.held = false;
      this.releasedAt = undefined;
      this.lastLoud = -Infinity;
    }
    this.settings = settings;
  }

  /** The threshold in use (dBFS): yours, or the one following the background noise. */
  get thresholdDb(): number {
    if (!this.settings.autoThreshold) return this.settings.thresholdDb;
    return Math.min(AUTO_MAX_DB, Math.max(AUTO_MIN_DB, this.floorDb + AUTO_MARGIN_DB));
  }

  get holding(): boolean {
    return this.held;
  }

  /** The push-to-talk key went down. */
  press(): void {
    this.held = true;
    this.releasedAt = undefined;
  }

  /** The push-to-talk key came up (or the window lost focus). */
  release(now: number): void {
    if (!this.held) return;
    this.held = false;
    this.releasedAt = now;
  }

  /** Feeds one level (dBFS) measured at `now`; returns whether `open` changed. */
  push(levelDb: number, now: number): boolean {
    this.trackFloor(levelDb, now);
    const next = this.decide(levelDb, now);
    if (next === this.open) return false;
    this.open = next;
    return true;
  }

  private decide(levelDb: number, now: number): boolean {
    if (this.settings.mode === 'push-to-talk') {
      if (this.held) return true;
      return this.releasedAt !== undefined && now - this.releasedAt < this.settings.pttReleaseMs;
    }
    if (levelDb >= this.thresholdDb) this.lastLoud = now;
    return now - this.lastLoud <= VOICE_HANGOVER_MS;
  }

  /** Background noise: the quietest recent level, rising slowly so that speech does not count. */
  private trackFloor(levelDb: number, now: number): void {
    const elapsed = this.lastPush === undefined ? 0 : Math.max(0, now - this.lastPush);
    this.lastPush = now;
    if (levelDb <= this.floorDb) this.floorDb = levelDb;
    else this.floorDb = Math.min(levelDb, this.floorDb + (FLOOR_RISE_DB_PER_S * elapsed) / 1000);
  }
}
