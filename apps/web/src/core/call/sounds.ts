export type CallSound = 'join' | 'leave' | 'mute' | 'unmute' | 'deafen' | 'undeafen' | 'ring';

/** Each sound as a short run of notes (Hz), rising for "on" things and falling for "off" ones. */
const NOTES: Record<CallSound, readonly number[]> = {
  join: [523, 784],
  leave: [784, 523],
  mute: [392, 294],
  unmute: [294, 392],
  deafen: [330, 247, 196],
  undeafen: [196, 247, 330],
  /** The ringtone, played again every RING_REPEAT_MS while a call rings for you. */
  ring: [659, 784, 659, 784, 988],
};
const NOTE_S = 0.08;
export const RING_REPEAT_MS = 2000;

/**
 * Join, leave, mute and deafen cues and the ringtone, synthesised with WebAudio (no audio files to ship or fetch).
 * One AudioContext, made on first use, which is always after a click or key press.
 */
export class CallSounds {
  private context: AudioContext | undefined;

  play(sound: CallSound, volume: number): void {
    if (volume <= 0 || typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    const ctx = this.context;
    void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.01;
    NOTES[sound].forEach((frequency, i) => {
      const at = start + i * NOTE_S;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25 * volume, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + NOTE_S + 0.02);
    });
  }

  close(): void {
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }
}
