import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { startStack, type RunningStack } from '@haos/stack';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';
import {
  acceptInvite,
  clockOffset,
  connected,
  createServer,
  firstOnsetAfter,
  general,
  leave,
  pageNow,
  quiet,
  readMarks,
  register,
  type Person,
  type Step,
} from './voice-page.js';
import { PROBE } from './voice-probe.js';

/**
 * Voice latency on loopback, with the real stack (Synapse, haos-server, LiveKit) and real
 * Chromium: how long joining a voice channel takes, step by step, and how long a sound takes
 * from one person's microphone to another person's speakers. Prints figures; asserts nothing.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const AUDIO_DIR = path.join(repoRoot, '.haos', 'bench-audio');

/** The join steps the app marks (User Timing `haos.call.<step>`, apps/web/src/core/call/timing.ts). */

/** Reported intervals, in order: each step, then the two totals the aims are about. */
export const VOICE_PHASES = [
  ['clickToOpenId', 'click → OpenID token'],
  ['openIdToToken', 'OpenID → LiveKit JWT'],
  ['tokenToSignal', 'JWT → signal connected'],
  ['signalToConnected', 'signal → media connected'],
  ['connectedToHeard', 'connected → heard by other'],
  ['clickToConnected', 'click → connected'],
  ['clickToHeard', 'click → heard by other'],
] as const;
export type VoicePhase = (typeof VOICE_PHASES)[number][0];

export interface Spread {
  median: number;
  p95: number;
}

export interface VoiceFigures {
  /** Joins measured (every one of them is in the figures). */
  joins: number;
  phases: Record<VoicePhase, Spread>;
  /** The first join of the joining page (call code and transport not cached yet), in ms. */
  firstJoin: { clickToConnected: number; clickToHeard: number };
  mouthToEar: {
    /** Beeps sent and heard (paired: heard within 500 ms after being sent). */
    samples: number;
    /** Beeps sent in the measuring window that were not heard within 500 ms. */
    unpaired: number;
    median: number;
    p95: number;
  };
  /** How far apart the pages' clocks were before correction (ms); all times are corrected. */
  clockSkewMs: number;
}

export interface VoiceOptions {
  joins?: number;
  beeps?: number;
  /** Progress lines (stack start, each join); figures are returned, not logged. */
  log?: (line: string) => void;
  /** Gives up after this long, with an error saying where it was. */
  timeoutMs?: number;
}

/** A sent beep pairs with the first onset heard within this long after it. */
const PAIR_WINDOW_MS = 500;

/** A WAV file made with sox (Debian's `sox`), cached under .haos/bench-audio. */
function soundFile(name: string, effects: string[]): string {
  mkdirSync(AUDIO_DIR, { recursive: true });
  const file = path.join(AUDIO_DIR, `${name}.wav`);
  if (!existsSync(file)) {
    try {
      execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file, ...effects]);
    } catch (error) {
      throw new Error(
        `Could not make a test sound with sox (${(error as Error).message}). Install it: apt-get install sox`,
      );
    }
  }
  return file;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)) };
}

/** Measures voice join latency and mouth-to-ear latency; stops all it started, even on failure. */
export async function measureVoice(options: VoiceOptions = {}): Promise<VoiceFigures> {
  const joins = options.joins ?? 20;
  const beeps = options.beeps ?? 20;
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 8 * 60_000;
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set HAOS_CHROMIUM.`,
    );
  }

  let step = 'starting';
  let finished = false;
  const browsers: Browser[] = [];
  let stackStart: Promise<RunningStack> | undefined;
  const run = async (): Promise<VoiceFigures> => {
    const files = {
      silence: soundFile('silence', ['trim', '0', '10']),
      tone: soundFile('tone-1000', ['synth', '10', 'sine', '1000', 'vol', '0.5']),
      // 100 ms of 1 kHz, then 900 ms of silence: one beep a second (the file loops).
      beeps: soundFile('beeps-1000', [
        'synth',
        '0.1',
        'sine',
        '1000',
        'vol',
        '0.5',
        'pad',
        '0',
        '0.9',
        'repeat',
        '29',
      ]),
    };

    step = 'starting the stack';
    stackStart = startStack({
      name: `bench-voice-${process.pid}-${Date.now().toString(36)}`,
      ports: 'free',
      web: 'dist',
      log: (line) => log(`[stack] ${line}`),
      // Twenty-odd joins a minute from one person and one address: lift the token rate limits.
      serverEnv: { HAOS_RATE_LIMIT_PER_USER: '100000', HAOS_RATE_LIMIT_PER_IP: '100000' },
    });
    const stack = await stackStart;

    step = 'opening the browsers';
    const open = async (name: string, mic: string): Promise<Person> => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${mic}`],
      });
      if (finished) {
        // Gave up while this browser was starting: the clean-up has already run.
        await browser.close();
        throw new Error('stopped');
      }
      browsers.push(browser);
      const page = await (await browser.newContext()).newPage();
      await page.addInitScript({ content: PROBE });
      await page.goto(stack.urls.web);
      return { name: `${name}${Date.now().toString(36)}`, browser, page, offset: 0 };
    };
    // The listener stays in the call; the joiner joins and leaves over and over with a steady
    // tone for a mic; the beeper joins once, its mic a beep a second. The listener's mic is
    // silent, so nobody's echo cancellation ducks what they send.
    const [listener, joiner, beeper] = await Promise.all([
      open('listener', files.silence),
      open('joiner', files.tone),
      open('beeper', files.beeps),
    ]);

    step = 'registering and creating a server';
    await Promise.all([listener, joiner, beeper].map((p) => register(p.page, p.name)));
    const link = await createServer(listener.page, 'Voice Bench');
    await Promise.all([acceptInvite(joiner.page, link), acceptInvite(beeper.page, link)]);
    for (const p of [listener, joiner, beeper]) p.offset = await clockOffset(p.page);
    const offsets = [listener.offset, joiner.offset, beeper.offset];
    const clockSkewMs = Math.round((Math.max(...offsets) - Math.min(...offsets)) * 100) / 100;

    step = 'the listener joining';
    await general(listener.page).click();
    await connected(listener.page);

    const samples: Record<VoicePhase, number[]> = {
      clickToOpenId: [],
      openIdToToken: [],
      tokenToSignal: [],
      signalToConnected: [],
      connectedToHeard: [],
      clickToConnected: [],
      clickToHeard: [],
    };
    for (let i = 1; i <= joins; i++) {
      step = `join ${i} of ${joins}`;
      await quiet(listener.page);
      const armedAt = await pageNow(listener.page);
      await joiner.page.evaluate(() => performance.clearMarks());
      await general(joiner.page).click();
      const heardAt = (await firstOnsetAfter(listener.page, armedAt)) + listener.offset;
      await connected(joiner.page);
      const marks = await readMarks(joiner);
      const at = (s: Step) => marks[s];
      if (heardAt <= at('connected'))
        throw new Error(`the listener heard something before the joiner was connected`);
      samples.clickToOpenId.push(at('openid') - at('join'));
      samples.openIdToToken.push(at('token') - at('openid'));
      samples.tokenToSignal.push(at('signal') - at('token'));
      samples.signalToConnected.push(at('connected') - at('signal'));
      samples.connectedToHeard.push(heardAt - at('connected'));
      samples.clickToConnected.push(at('connected') - at('join'));
      samples.clickToHeard.push(heardAt - at('join'));
      log(
        `join ${i}: connected in ${Math.round(at('connected') - at('join'))} ms, heard in ${Math.round(heardAt - at('join'))} ms`,
      );
      await leave(joiner.page, listener.page);
    }

    step = 'mouth-to-ear beeps';
    await quiet(listener.page);
    const armedAt = await pageNow(listener.page);
    await general(beeper.page).click();
    await connected(beeper.page);
    const firstHeard = (await firstOnsetAfter(listener.page, armedAt)) + listener.offset;
    const onsets = async () => {
      const [sent, heard] = await Promise.all([
        beeper.page.evaluate(() => window.haosBench.spoken.onsets),
        listener.page.evaluate(() => window.haosBench.heard.onsets),
      ]);
      const end = (await pageNow(listener.page)) + listener.offset;
      // Beeps sent after the first one heard (which may have been cut by the join) and long
      // enough ago to have arrived.
      return pairBeeps(
        sent
          .map((t) => t + beeper.offset)
          .filter((t) => t > firstHeard && t < end - PAIR_WINDOW_MS),
        heard.map((t) => t + listener.offset).filter((t) => t >= firstHeard),
      );
    };
    const until = Date.now() + (beeps + 15) * 1000;
    let beepFigures = await onsets();
    while (beepFigures.delays.length < beeps && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      beepFigures = await onsets();
    }
    if (beepFigures.delays.length < beeps) {
      throw new Error(
        `only ${beepFigures.delays.length} of ${beeps} beeps were heard (${beepFigures.unpaired} sent but not heard within ${PAIR_WINDOW_MS} ms)`,
      );
    }
    await leave(beeper.page, listener.page);

    const phases = Object.fromEntries(
      VOICE_PHASES.map(([key]) => [key, spread(samples[key])]),
    ) as Record<VoicePhase, Spread>;
    const round = (n: number | undefined) => Math.round((n ?? NaN) * 10) / 10;
    return {
      joins,
      phases,
      firstJoin: {
        clickToConnected: round(samples.clickToConnected[0]),
        clickToHeard: round(samples.clickToHeard[0]),
      },
      mouthToEar: {
        samples: beepFigures.delays.length,
        unpaired: beepFigures.unpaired,
        ...spread(beepFigures.delays),
      },
      clockSkewMs,
    };
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run().catch((error: unknown) => {
        throw new Error(`voice bench failed during ${step}: ${(error as Error).message}`, {
          cause: error,
        });
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`voice bench gave up after ${timeoutMs / 1000} s, during ${step}`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    finished = true;
    clearTimeout(timer);
    await Promise.all(browsers.splice(0).map((b) => b.close().catch(() => undefined)));
    const stack = await stackStart?.catch(() => undefined);
    if (stack) {
      await stack.stop();
      await stack.remove();
    }
  }
}

/** Pairs each sent beep with the first beep heard within PAIR_WINDOW_MS after it. */
export function pairBeeps(
  sent: readonly number[],
  heard: readonly number[],
): { delays: number[]; unpaired: number } {
  const delays: number[] = [];
  let unpaired = 0;
  for (const s of sent) {
    const h = heard.find((t) => t > s && t - s <= PAIR_WINDOW_MS);
    if (h === undefined) unpaired++;
    else delays.push(h - s);
  }
  return { delays, unpaired };
}
