/** Level above which your own tile shows you speaking (RMS of the microphone signal, 0..1). */
export const SPEAKING_RMS = 0.02;
/** How long the ring stays after you stop, so it does not flicker between words. */
export const HANGOVER_MS = 300;

/**
 * Decides "speaking" from a stream of levels with a hangover, so that short pauses between
 * words keep the ring on. Pure, for testing; `LocalVoiceActivity` feeds it microphone levels.
 */
export class SpeakingDetector {
  private lastLoud = -Infinity;
  speaking = false;

  constructor(
    private readonly threshold = SPEAKING_RMS,
    private readonly hangoverMs = HANGOVER_MS,
  ) {}

  /** Feeds one level measured at `now` ms; returns whether the speaking state changed. */
  push(level: number, now: number): boolean {
    if (level >= this.threshold) this.lastLoud = now;
    const next = now - this.lastLoud <= this.hangoverMs;
    if (next === this.speaking) return false;
    this.speaking = next;
    return true;
  }
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length > 0 ? Math.sqrt(sum / samples.length) : 0;
}
