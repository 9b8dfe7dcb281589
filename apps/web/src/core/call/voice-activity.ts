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

/**
 * Watches your own microphone locally (no round trip to the SFU) and reports when you start
 * and stop speaking. Timer-driven rather than frame-driven, so it keeps working in background tabs.
 */
export class LocalVoiceActivity {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly detector = new SpeakingDetector();

  constructor(track: MediaStreamTrack, onChange: (speaking: boolean) => void, intervalMs = 50) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    source.connect(this.analyser);
    const buffer = new Float32Array(this.analyser.fftSize);
    this.timer = setInterval(() => {
      this.analyser.getFloatTimeDomainData(buffer);
      const level = track.enabled && !track.muted ? rms(buffer) : 0;
      if (this.detector.push(level, performance.now())) onChange(this.detector.speaking);
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    void this.context.close().catch(() => undefined);
  }
}
