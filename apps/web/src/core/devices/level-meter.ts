import { rms } from '../call/voice-activity';
import { toDb } from './input-gate';

/**
 * Measures a microphone track's level (dBFS) through Web Audio. It listens to a clone of the
 * track, so that the level is known while the sent track is disabled (muted, or gated by
 * voice activity or push-to-talk). `stop()` ends the clone and the audio context.
 */
export class LevelMeter {
  private readonly context = new AudioContext();
  private readonly analyser: AnalyserNode;
  private readonly clone: MediaStreamTrack;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(readonly source: MediaStreamTrack) {
    this.clone = source.clone();
    this.clone.enabled = true;
    const node = this.context.createMediaStreamSource(new MediaStream([this.clone]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    node.connect(this.analyser);
    this.buffer = new Float32Array(this.analyser.fftSize);
  }

  /** The level right now: RMS (0..1) and dBFS. */
  read(): { rms: number; db: number } {
    if (this.clone.readyState === 'ended') return { rms: 0, db: -100 };
    this.analyser.getFloatTimeDomainData(this.buffer);
    const value = rms(this.buffer);
    return { rms: value, db: toDb(value) };
  }

  stop(): void {
    this.clone.stop();
    void this.context.close().catch(() => undefined);
  }
}
