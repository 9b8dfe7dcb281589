/** What the voice panel warns about your microphone. */
export type MicWarning = 'muted-talking' | 'silent' | undefined;

/** Below this the microphone delivers nothing at all (no room noise, no hiss). */
export const SILENT_DB = -90;
/** Silence for this long while unmuted gets a warning. */
export const SILENT_AFTER_MS = 5000;
/** "You're muted" stays this long after you stop talking. */
export const MUTED_TALK_HOLD_MS = 3000;

/**
 * Notices that you talk while muted (your level passes the threshold), and that your microphone
 * sends only digital silence for several seconds while unmuted. Pure: `now` comes from the caller.
 */
export class MicWarnings {
  warning: MicWarning;
  private quietSince: number | undefined;
  private lastMutedTalk = -Infinity;

  /**
   * Feeds one level (dBFS); returns whether the warning changed. `deviceDb` is the microphone's
   * own level when what is sent is processed (RNNoise can make a quiet room digitally silent).
   */
  push(
    levelDb: number,
    thresholdDb: number,
    muted: boolean,
    now: number,
    deviceDb = levelDb,
  ): boolean {
    let next: MicWarning;
    if (muted) {
      this.quietSince = undefined;
      if (levelDb >= thresholdDb && levelDb > SILENT_DB) this.lastMutedTalk = now;
      next = now - this.lastMutedTalk <= MUTED_TALK_HOLD_MS ? 'muted-talking' : undefined;
    } else {
      this.lastMutedTalk = -Infinity;
      if (deviceDb > SILENT_DB) this.quietSince = undefined;
      else this.quietSince ??= now;
      next =
        this.quietSince !== undefined && now - this.quietSince >= SILENT_AFTER_MS
          ? 'silent'
          : undefined;
    }
    if (next === this.warning) return false;
    this.warning = next;
    return true;
  }

  reset(): void {
    this.warning = undefined;
    this.quietSince = undefined;
    this.lastMutedTalk = -Infinity;
  }
}
