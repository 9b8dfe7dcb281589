import { describe, expect, it } from 'vitest';
import { MicWarnings, MUTED_TALK_HOLD_MS, SILENT_AFTER_MS } from './mic-warnings';

describe('MicWarnings', () => {
  it('says "muted" when you talk while muted, and stops a while after you stop', () => {
    const w = new MicWarnings();
    expect(w.push(-70, -50, true, 0)).toBe(false);
    expect(w.warning).toBeUndefined();
    expect(w.push(-30, -50, true, 100)).toBe(true);
    expect(w.warning).toBe('muted-talking');
    w.push(-70, -50, true, 100 + MUTED_TALK_HOLD_MS - 50);
    expect(w.warning).toBe('muted-talking');
    w.push(-70, -50, true, 100 + MUTED_TALK_HOLD_MS + 50);
    expect(w.warning).toBeUndefined();
  });

  it('"silent" follows the microphone itself when what is sent is processed', () => {
    const w = new MicWarnings();
    // RNNoise turns a quiet room into digital silence: the microphone still delivers sound.
    for (let t = 0; t <= SILENT_AFTER_MS * 2; t += 100) w.push(-120, -50, false, t, -70);
    expect(w.warning).toBeUndefined();
    for (let t = 0; t <= SILENT_AFTER_MS; t += 100) w.push(-120, -50, false, 20_000 + t, -120);
    expect(w.warning).toBe('silent');
  });

  it('unmuting clears "muted" at once', () => {
    const w = new MicWarnings();
    w.push(-30, -50, true, 0);
    w.push(-30, -50, false, 50);
    expect(w.warning).toBeUndefined();
  });

  it('says "silent" after several seconds of nothing at all while unmuted, not before', () => {
    const w = new MicWarnings();
    for (let t = 0; t < SILENT_AFTER_MS; t += 100) w.push(-100, -50, false, t);
    expect(w.warning).toBeUndefined();
    w.push(-100, -50, false, SILENT_AFTER_MS);
    expect(w.warning).toBe('silent');
    // Any signal (even quiet room noise, below the threshold) clears it.
    w.push(-75, -50, false, SILENT_AFTER_MS + 100);
    expect(w.warning).toBeUndefined();
  });

  it('a quiet but live microphone is not "silent"', () => {
    const w = new MicWarnings();
    for (let t = 0; t < 3 * SILENT_AFTER_MS; t += 100) w.push(-80, -50, false, t);
    expect(w.warning).toBeUndefined();
  });
});
