import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config';
import { e2eStack } from './stack';

const AUDIO_DIR = path.resolve(import.meta.dirname, '..', '.haos', 'e2e-audio');

/** 48 kHz mono 16-bit, as sox arguments for a file it writes. */
const WAV_48K = ['-r', '48000', '-c', '1', '-b', '16'];

/**
 * A sound file in .haos/e2e-audio, made once at test time by `steps` (each a command line of
 * sox or espeak-ng, with {out} standing for the file and {tmp} for a scratch file beside it).
 */
function soundFile(name: string, steps: string[][]): string {
  mkdirSync(AUDIO_DIR, { recursive: true });
  const file = path.join(AUDIO_DIR, name);
  if (existsSync(file)) return file;
  const fill = (arg: string) =>
    arg.replaceAll('{out}', `${file}.part.wav`).replaceAll('{tmp}', path.join(AUDIO_DIR, 'tmp-'));
  for (const [tool = 'sox', ...args] of steps) {
    try {
      execFileSync(tool, args.map(fill));
    } catch (error) {
      throw new Error(
        `Could not make the test sound ${name} with ${tool} (${(error as Error).message}). Install it: apt-get install sox espeak-ng`,
      );
    }
  }
  renameSync(`${file}.part.wav`, file);
  return file;
}

/**
 * A WAV file holding a steady sine tone, made at test time with sox (Debian's `sox`). Each
 * person in a call test gets their own pitch, so a listener can tell who they hear. `volume`
 * (0..1, default 0.5) makes quiet tones; 0 makes a file of digital silence.
 */
export function toneFile(frequency: number, volume = 0.5): string {
  const name = volume === 0.5 ? `tone-${frequency}.wav` : `tone-${frequency}-vol${volume}.wav`;
  const synth = ['synth', '10', 'sine', String(frequency), 'vol', String(volume)];
  return soundFile(name, [['sox', '-n', ...WAV_48K, '{out}', ...synth]]);
}

/**
 * A noisy room with someone talking in it, 12 s, looped by the fake microphone: 6 s of pink noise
 * alone (like a fan), then 6 s of speech (espeak-ng) over the same noise, about 10 dB louder.
 */
export function speechInNoiseFile(): string {
  const text =
    'Hello everyone, can you hear me clearly? The quick brown fox jumps over the lazy dog.';
  return soundFile('speech-in-noise.wav', [
    ['sox', '-n', ...WAV_48K, '{tmp}noise.wav', 'synth', '6', 'pinknoise', 'vol', '0.1'],
    ['espeak-ng', '-s', '170', '-w', '{tmp}voice.wav', text],
    ['sox', '{tmp}voice.wav', ...WAV_48K, '{tmp}speech.wav', 'pad', '0', '6', 'trim', '0', '6'],
    ['sox', '-m', '-v', '0.8', '{tmp}speech.wav', '-v', '1', '{tmp}noise.wav', '{tmp}mixed.wav'],
    ['sox', '{tmp}noise.wav', '{tmp}mixed.wav', '{out}'],
  ]);
}

/**
 * Listens to what the page plays: every WebAudio connection into a context's speakers is also
 * fed to an analyser, so a test can read the loudness of one pitch in what the person hears
 * (after per-person volume, "mute for me" and deafen are applied), or of everything they hear.
 */
const HEARING_PROBE = () => {
  const taps: AnalyserNode[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call/.apply below
  const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    const [destination] = args;
    if (destination instanceof AudioDestinationNode) {
      const ctx = destination.context as BaseAudioContext & { haosTap?: AnalyserNode };
      if (!ctx.haosTap) {
        ctx.haosTap = ctx.createAnalyser();
        ctx.haosTap.fftSize = 4096;
        ctx.haosTap.smoothingTimeConstant = 0.5;
        taps.push(ctx.haosTap);
      }
      connect.call(this, ctx.haosTap);
    }
    return connect.apply(this, args);
  } as typeof AudioNode.prototype.connect;
  (window as unknown as { haosHeard: (hz: number) => number }).haosHeard = (hz: number) => {
    let loudest = -200;
    for (const tap of taps) {
      if (tap.context.state !== 'running') continue;
      const bins = new Float32Array(tap.frequencyBinCount);
      tap.getFloatFrequencyData(bins);
      const width = tap.context.sampleRate / tap.fftSize;
      const centre = Math.round(hz / width);
      for (let i = centre - 2; i <= centre + 2; i++) {
        const value = bins[i];
        if (value !== undefined && Number.isFinite(value)) loudest = Math.max(loudest, value);
      }
    }
    return loudest;
  };
  // Broadband: the RMS level (dBFS) of all the page plays over the analysers' last 4096 samples.
  (window as unknown as { haosLevel: () => number }).haosLevel = () => {
    let power = 0;
    for (const tap of taps) {
      if (tap.context.state !== 'running') continue;
      const samples = new Float32Array(tap.fftSize);
      tap.getFloatTimeDomainData(samples);
      power += samples.reduce((sum, x) => sum + x * x, 0) / samples.length;
    }
    return power > 0 ? 10 * Math.log10(power) : -200;
  };
};

/**
 * Loudness (dB, one FFT bin) above which a tone counts as heard, and below which as silence.
 * A steady tone arrives at about -45 dB (the browser's noise suppression treats it partly as
 * noise); codec artefacts of other people's tones were seen to leak up to about -70 dB into the
 * bin of a pitch nobody plays.
 */
export const HEARD_DB = -56;
export const SILENT_DB = -64;

const launched: Browser[] = [];

/**
 * A browser whose fake microphone plays a tone (or silence; `volume` 0..1 for quieter tones, 0
 * for digital silence), or a sound file (a path). Closed by closeMicBrowsers().
 */
export async function browserWithMic(
  sound: number | string | undefined,
  volume?: number,
): Promise<Browser> {
  const file = typeof sound === 'number' ? toneFile(sound, volume) : sound;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--autoplay-policy=no-user-gesture-required',
      ...(file ? [`--use-file-for-fake-audio-capture=${file}`] : []),
    ],
  });
  launched.push(browser);
  return browser;
}

/**
 * A person in their own browser, its microphone playing a tone (or a sound file), on the app's
 * sign-in screen.
 */
export async function personWithMic(sound?: number | string, volume?: number): Promise<Page> {
  const page = await (await (await browserWithMic(sound, volume)).newContext()).newPage();
  await installHearingProbe(page);
  await page.goto(e2eStack().urls.web);
  return page;
}

/**
 * A person whose browser has no automatic "allow" for devices: the browser refuses the
 * microphone and camera unless the context is given them (`permissions`).
 */
export async function personWithoutDevicePrompt(
  options: { permissions?: string[] } = {},
): Promise<Page> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream'),
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  launched.push(browser);
  const page = await (await browser.newContext(options)).newPage();
  await installHearingProbe(page);
  await page.goto(e2eStack().urls.web);
  return page;
}

/** Closes every browser the helpers above launched (after each test: a call left running slows the next). */
export async function closeMicBrowsers(): Promise<void> {
  await Promise.all(launched.splice(0).map((b) => b.close()));
}

export async function installHearingProbe(page: Page): Promise<void> {
  await page.addInitScript(HEARING_PROBE);
}

/** How loud a pitch is in what this page plays right now (dB, -200 when nothing plays). */
export function heard(page: Page, frequency: number): Promise<number> {
  return page.evaluate(
    (hz) => (window as unknown as { haosHeard: (hz: number) => number }).haosHeard(hz),
    frequency,
  );
}

/** The loudest a pitch gets in what the page plays during the next `ms` (sampled every 10 ms). */
export function peakWithin(page: Page, frequency: number, ms: number): Promise<number> {
  return page.evaluate(
    ([hz, duration]) =>
      new Promise<number>((resolve) => {
        const probe = window as unknown as { haosHeard: (hz: number) => number };
        let peak = -200;
        const timer = setInterval(() => (peak = Math.max(peak, probe.haosHeard(hz))), 10);
        setTimeout(() => {
          clearInterval(timer);
          resolve(peak);
        }, duration);
      }),
    [frequency, ms] as const,
  );
}

/**
 * The broadband level (dBFS) of all a page plays, read every 100 ms for `ms`, sorted from quiet
 * to loud: its low end is the background, its high end what stands out of it.
 */
export function levelsWithin(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const probe = window as unknown as { haosLevel: () => number };
        const levels: number[] = [];
        const timer = setInterval(() => levels.push(probe.haosLevel()), 100);
        setTimeout(() => {
          clearInterval(timer);
          resolve(levels.sort((a, b) => a - b));
        }, duration);
      }),
    ms,
  );
}

/** The value `fraction` (0..1) of the way up sorted levels. */
export const percentile = (sorted: number[], fraction: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? -200;

/** Waits until a page hears a pitch (above HEARD_DB), or fails saying how loud it was. */
export async function expectHears(page: Page, frequency: number, timeout = 20_000): Promise<void> {
  await expect
    .poll(() => heard(page, frequency), { timeout, intervals: [250] })
    .toBeGreaterThan(HEARD_DB);
}

/** Waits until a pitch is silent at a page (below SILENT_DB). */
export async function expectSilent(page: Page, frequency: number, timeout = 10_000): Promise<void> {
  await expect
    .poll(() => heard(page, frequency), { timeout, intervals: [250] })
    .toBeLessThan(SILENT_DB);
}
