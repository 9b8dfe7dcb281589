import { describe, expect, it } from 'vitest';
import { HANGOVER_MS, SPEAKING_RMS, SpeakingDetector, rms } from './voice-activity';

describe('SpeakingDetector', () => {
  it('starts silent and stays silent below the threshold', () => {
    const detector = new SpeakingDetector(0.1, 300);
    expect(detector.speaking).toBe(false);
    expect(detector.push(0.05, 0)).toBe(false);
    expect(detector.push(0.0999, 50)).toBe(false);
    expect(detector.speaking).toBe(false);
  });

  it('reports a change when the level reaches the threshold, and only then', () => {
    const detector = new SpeakingDetector(0.1, 300);
    expect(detector.push(0.1, 1000)).toBe(true);
    expect(detector.speaking).toBe(true);
    expect(detector.push(0.5, 1050)).toBe(false);
    expect(detector.speaking).toBe(true);
  });

  it('keeps speaking through pauses up to the hangover, then reports the stop once', () => {
    const detector = new SpeakingDetector(0.1, 300);
    detector.push(0.2, 1000);
    expect(detector.push(0, 1100)).toBe(false);
    expect(detector.push(0, 1300)).toBe(false);
    expect(detector.speaking).toBe(true);
    expect(detector.push(0, 1301)).toBe(true);
    expect(detector.speaking).toBe(false);
    expect(detector.push(0, 1400)).toBe(false);
    expect(detector.speaking).toBe(false);
  });

  it('extends the hangover from the last loud level', () => {
    const detector = new SpeakingDetector(0.1, 300);
    detector.push(0.2, 0);
    detector.push(0.2, 250);
    expect(detector.push(0, 500)).toBe(false);
    expect(detector.speaking).toBe(true);
    expect(detector.push(0, 551)).toBe(true);
    expect(detector.speaking).toBe(false);
  });

  it('starts again after a stop', () => {
    const detector = new SpeakingDetector(0.1, 300);
    detector.push(0.2, 0);
    detector.push(0, 400);
    expect(detector.push(0.3, 500)).toBe(true);
    expect(detector.speaking).toBe(true);
  });

  it('uses the exported defaults', () => {
    const detector = new SpeakingDetector();
    expect(detector.push(SPEAKING_RMS * 0.99, 0)).toBe(false);
    expect(detector.push(SPEAKING_RMS, 10)).toBe(true);
    expect(detector.push(0, 10 + HANGOVER_MS)).toBe(false);
    expect(detector.push(0, 11 + HANGOVER_MS)).toBe(true);
  });
});

describe('rms', () => {
  it('is 0 for no samples and for silence', () => {
    expect(rms(new Float32Array(0))).toBe(0);
    expect(rms(new Float32Array(8))).toBe(0);
  });

  it('is the amplitude of a constant signal, whatever its sign', () => {
    expect(rms(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5, 6);
  });

  it('is the root of the mean of the squares', () => {
    // (1 + 0 + 0 + 0) / 4 = 0.25 → 0.5
    expect(rms(new Float32Array([1, 0, 0, 0]))).toBeCloseTo(0.5, 6);
    // (9 + 16) / 2 = 12.5
    expect(rms(new Float32Array([3, 4]))).toBeCloseTo(Math.sqrt(12.5), 6);
  });
});
