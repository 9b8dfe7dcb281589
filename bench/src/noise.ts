import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';

/** What RNNoise (Enhanced noise suppression) costs: processing time per second of sound. */
export interface NoiseSuppressorCost {
  /** Seconds of 48 kHz mono noise rendered. */
  seconds: number;
  /** Rendering without the suppressor, and through it (ms, median of the runs). */
  plainMs: number;
  rnnoiseMs: number;
  /** The suppressor's share of one CPU core while it runs in a call (%). */
  cpuPercentOfCore: number;
  /** The level of the white noise rendered plain and through RNNoise (dBFS): proof it ran. */
  plainDb: number;
  rnnoiseDb: number;
}

/** Rendered before timing starts, while the worklet compiles its WebAssembly (s). */
const WARM_UP_S = 0.5;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * Renders noise through the library's RNNoise AudioWorklet in Chromium, offline (as fast as the
 * CPU allows), and compares with rendering it plain: the difference, per second of sound, is the
 * suppressor's CPU cost in a call. The library's files are served as they are in node_modules,
 * from 127.0.0.1 (worklets run only in a secure context, which loopback is).
 */
export async function measureNoiseSuppressor({
  seconds = 30,
  runs = 3,
} = {}): Promise<NoiseSuppressorCost> {
  const dist = path.dirname(fileURLToPath(import.meta.resolve('@sapphi-red/web-noise-suppressor')));
  const server = await serve(dist);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    // tsx names functions with a helper of its own, which the page lacks.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(`${origin}/`);
    const times = await page.evaluate(
      async ({ seconds, runs, WARM_UP_S }) => {
        type Library = {
          loadRnnoise(o: { url: string; simdUrl: string }): Promise<ArrayBuffer>;
          RnnoiseWorkletNode: new (
            c: BaseAudioContext,
            o: { maxChannels: number; wasmBinary: ArrayBuffer },
          ) => AudioNode;
        };
        const lib = (await import(`${location.origin}/index.js`)) as Library;
        const wasmBinary = await lib.loadRnnoise({
          url: '/rnnoise.wasm',
          simdUrl: '/rnnoise_simd.wasm',
        });
        const render = async (suppress: boolean) => {
          const rate = 48_000;
          const context = new OfflineAudioContext(1, rate * seconds, rate);
          const noise = context.createBuffer(1, rate * seconds, rate);
          const samples = noise.getChannelData(0);
          for (let i = 0; i < samples.length; i++) samples[i] = (Math.random() * 2 - 1) * 0.1;
          const source = context.createBufferSource();
          source.buffer = noise;
          if (suppress) {
            await context.audioWorklet.addModule('/rnnoise/workletProcessor.js');
            const rnnoise = new lib.RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
            source.connect(rnnoise).connect(context.destination);
          } else source.connect(context.destination);
          source.start();
          // The worklet compiles its WebAssembly asynchronously: render a moment, wait for it,
          // then time the rest.
          let start = 0;
          void context.suspend(WARM_UP_S).then(async () => {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            start = performance.now();
            await context.resume();
          });
          const rendered = await context.startRendering();
          const ms = performance.now() - start;
          const out = rendered.getChannelData(0).subarray(rate * WARM_UP_S * 2);
          let power = 0;
          for (const x of out) power += x * x;
          return { ms, db: 10 * Math.log10(power / out.length + 1e-20) };
        };
        const plain: number[] = [];
        const rnnoise: number[] = [];
        const levels = { plainDb: 0, rnnoiseDb: 0 };
        for (let i = 0; i < runs; i++) {
          const [a, b] = [await render(false), await render(true)];
          plain.push(a.ms);
          rnnoise.push(b.ms);
          Object.assign(levels, { plainDb: a.db, rnnoiseDb: b.db });
        }
        const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
        return { plain: median(plain), rnnoise: median(rnnoise), ...levels };
      },
      { seconds, runs, WARM_UP_S },
    );
    const cpu = ((times.rnnoise - times.plain) / ((seconds - WARM_UP_S) * 1000)) * 100;
    return {
      seconds,
      plainMs: Math.round(times.plain),
      rnnoiseMs: Math.round(times.rnnoise),
      cpuPercentOfCore: Math.round(cpu * 10) / 10,
      plainDb: Math.round(times.plainDb * 10) / 10,
      rnnoiseDb: Math.round(times.rnnoiseDb * 10) / 10,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/** Serves the files of `dir` (and an empty page at /) on a free loopback port. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const file = new URL(req.url ?? '/', 'http://x').pathname;
    if (file === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html>');
      return;
    }
    void readFile(path.join(dir, path.normalize(file))).then(
      (body) =>
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'text/plain' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
