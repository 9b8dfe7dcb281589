import { describe, expect, it } from 'vitest';
import { InputGate, toDb, VOICE_HANGOVER_MS, type GateSettings } from './input-gate';

const va: GateSettings = {
  mode: 'voice-activity',
  thresholdDb: -40,
  autoThreshold: false,
  pttReleaseMs: 300,
};
const ptt: GateSettings = { ...va, mode: 'push-to-talk' };

/** Feeds a level every 50 ms from `from` to `to` (fake clock); returns the gate's state at each step. */
function run(gate: InputGate, levelDb: number, from: number, to: number): boolean[] {
  const states: boolean[] = [];
  for (let t = from; t <= to; t += 50) {
    gate.push(levelDb, t);
    states.push(gate.open);
  }
  return states;
}

describe('toDb', () => {
  it('gives dBFS from RMS, with silence at -100', () => {
    expect(toDb(1)).toBe(0);
    expect(toDb(0.1)).toBeCloseTo(-20);
    expect(toDb(0)).toBe(-100);
    expect(toDb(1e-9)).toBe(-100);
  });
});

describe('InputGate, voice activity', () => {
  it('opens above the threshold and not below it', () => {
    const gate = new InputGate(va);
    expect(run(gate, -50, 0, 500).some(Boolean)).toBe(false);
    expect(gate.push(-30, 550)).toBe(true);
    expect(gate.open).toBe(true);
  });

  it('stays open through short pauses (hangover), then closes', () => {
    const gate = new InputGate(va);
    gate.push(-20, 0);
    gate.push(-80, VOICE_HANGOVER_MS - 50);
    expect(gate.open).toBe(true);
    gate.push(-80, VOICE_HANGOVER_MS + 50);
    expect(gate.open).toBe(false);
  });

  it('follows a changed threshold', () => {
    const gate = new InputGate(va);
    gate.push(-35, 0);
    expect(gate.open).toBe(true);
    gate.configure({ ...va, thresholdDb: -20 });
    run(gate, -35, 50, 1000);
    expect(gate.open).toBe(false);
  });

  it('"determine automatically" sits above the background noise and lets speech through', () => {
    const gate = new InputGate({ ...va, autoThreshold: true, thresholdDb: 0 });
    // A quiet room at -65 dB for a few seconds: never sends.
    expect(run(gate, -65, 0, 3000).some(Boolean)).toBe(false);
    expect(gate.thresholdDb).toBeGreaterThan(-65);
    // Speech 30 dB above it sends, although the manual threshold (0 dB) would not.
    gate.push(-35, 3050);
    expect(gate.open).toBe(true);
    // In a noisier room the threshold moves up, slowly.
    const before = gate.thresholdDb;
    run(gate, -50, 3100, 8000);
    expect(gate.thresholdDb).toBeGreaterThan(before);
  });
});

describe('InputGate, push-to-talk', () => {
  it('sends only while the key is held, plus the release delay, whatever the level', () => {
    const gate = new InputGate(ptt);
    expect(run(gate, -10, 0, 200).some(Boolean)).toBe(false);
    gate.press();
    gate.push(-100, 250);
    expect(gate.open).toBe(true);
    gate.release(300);
    gate.push(-10, 550);
    expect(gate.open).toBe(true);
    gate.push(-10, 600);
    expect(gate.open).toBe(false);
  });

  it('with no release delay closes at once', () => {
    const gate = new InputGate({ ...ptt, pttReleaseMs: 0 });
    gate.press();
    gate.push(-10, 0);
    gate.release(10);
    gate.push(-10, 10);
    expect(gate.open).toBe(false);
  });

  it('a release without a press does nothing; switching mode forgets a held key', () => {
    const gate = new InputGate(ptt);
    gate.release(0);
    gate.push(-10, 10);
    expect(gate.open).toBe(false);
    gate.press();
    gate.configure(va);
    gate.configure(ptt);
    gate.push(-10, 20);
    expect(gate.open).toBe(false);
  });
});
