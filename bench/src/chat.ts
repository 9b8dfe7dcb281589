import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  matrixRequest,
  registerUser,
  seedMessages,
  startStack,
  type RunningStack,
  type TestUser,
} from '@haos/stack';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';
import { createServer } from './voice-page.js';
import { percentile, type Spread } from './voice.js';

/**
 * The chat client with a big channel, on the real stack in real Chromium: how long the app takes
 * from opening with a stored session to the channel list, how long a channel of 10,000 messages
 * takes to show, how smooth scrolling back through all of it is, and the memory and DOM size
 * after. Prints figures; asserts nothing.
 */

export interface ChatFigures {
  messages: number;
  /** Seconds the homeserver took to take the messages (not a client figure). */
  seedSeconds: number;
  /** Opening the app (a stored session) → the server's channel list shown, in ms. */
  openToChannelList: Spread;
  /** Opening the app on the channel → its newest message shown, in ms. */
  openToNewestMessage: Spread;
  /** First click on the channel in a session → newest message shown, in ms. */
  firstChannelClick: number;
  /** Later clicks on the channel (after another channel) → newest message shown, in ms. */
  channelClick: Spread;
  scrollBack: {
    /** Scrolling to the top until "This is the beginning of the channel." shows, in s. */
    seconds: number;
    /** Frame intervals while scrolling, in ms. */
    frameMedianMs: number;
    frameP95Ms: number;
    longestFrameMs: number;
    /** Frames over 50 ms (a stutter a person notices). */
    framesOver50Ms: number;
  };
  /** After opening the channel, and after scrolling back through every message. */
  memory: {
    heapAfterOpenMB: number;
    heapAfterScrollMB: number;
    domNodesAfterOpen: number;
    domNodesAfterScroll: number;
    /** Message rows in the DOM after scrolling back (the rest are virtualized away). */
    rowsAfterScroll: number;
  };
}

export interface ChatOptions {
  messages?: number;
  repeats?: number;
  log?: (line: string) => void;
  timeoutMs?: number;
}

const PASSWORD = 'correct horse battery';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)) };
}

/** The page's clock when the server's channel list shows (checked every frame). */
async function channelListAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () =>
      document.querySelector('a[aria-label^="general (text channel)"]') ? performance.now() : 0,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return await handle.jsonValue();
}

/** The page's clock when message `n` (the newest) shows in the channel (checked every frame). */
async function newestAt(page: Page, n: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('ol[aria-label="Messages"] > li')].some((li) =>
        (li.getAttribute('aria-label') ?? '').includes(`: ${n}: `),
      )
        ? performance.now()
        : 0,
    n,
    { polling: 'raf', timeout: 60_000 },
  );
  return await handle.jsonValue();
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return Math.round((usedSize / 1024 / 1024) * 10) / 10;
}

const domNodes = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

export async function measureChat(options: ChatOptions = {}): Promise<ChatFigures> {
  const count = options.messages ?? 10_000;
  const repeats = options.repeats ?? 5;
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 20 * 60_000;
  let step = 'starting';
  let browser: Browser | undefined;
  let stackStart: Promise<RunningStack> | undefined;
  let finished = false;
  // The page in use, for a screenshot if the run fails.
  let shown: Page | undefined;

  const run = async (): Promise<ChatFigures> => {
    step = 'starting the stack';
    stackStart = startStack({
      name: `bench-chat-${process.pid}-${Date.now().toString(36)}`,
      ports: 'free',
      web: 'dist',
      log: (line) => log(`[stack] ${line}`),
    });
    const stack = await stackStart;
    const hs = stack.urls.synapse;

    step = 'creating the accounts and the server';
    const suffix = Date.now().toString(36);
    const ada = await registerUser(hs, `ada${suffix}`, PASSWORD);
    const bo = await registerUser(hs, `bo${suffix}`, PASSWORD);
    const join = (user: TestUser, roomId: string) =>
      matrixRequest(hs, user, 'POST', `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {});
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    if (finished) throw new Error('stopped');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let page = await context.newPage();
    shown = page;
    await page.goto(stack.urls.web);
    await page.getByRole('textbox', { name: 'Username' }).fill(`ada${suffix}`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Servers' }).waitFor({ timeout: 60_000 });
    await createServer(page, 'Big Channel');
    const [, , serverId = '', generalId = ''] = new URL(page.url()).pathname
      .split('/')
      .map(decodeURIComponent);
    // A second text channel to switch from (a voice channel would join the call).
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('textbox', { name: 'Channel name' }).fill('random');
    await page.getByRole('button', { name: 'Create channel' }).last().click();
    await page.getByRole('heading', { name: 'random' }).waitFor({ timeout: 30_000 });
    const randomUrl = page.url();
    await join(bo, serverId);
    await join(bo, generalId);
    // The app is closed while the channel fills, as if its owner came back a day later.
    await page.close();

    step = 'seeding the messages';
    const seedStart = Date.now();
    let lastLogged = 0;
    await seedMessages(hs, generalId, [ada, bo], count, {
      concurrency: 8,
      onProgress: (sent) => {
        if (sent - lastLogged >= 1000 || sent === count) {
          lastLogged = sent;
          log(`seeded ${sent} of ${count}`);
        }
      },
    });
    const seedSeconds = Math.round((Date.now() - seedStart) / 100) / 10;

    const channelUrl = `${stack.urls.web}/channels/${encodeURIComponent(serverId)}/${encodeURIComponent(generalId)}`;
    step = 'opening the app on the channel';
    const toList: number[] = [];
    const toNewest: number[] = [];
    for (let i = 0; i < repeats; i++) {
      page = await context.newPage();
      shown = page;
      await page.goto(channelUrl);
      toList.push(await channelListAt(page));
      toNewest.push(await newestAt(page, count));
      log(
        `open ${i + 1}: channel list ${Math.round(toList.at(-1)!)} ms, newest message ${Math.round(toNewest.at(-1)!)} ms`,
      );
      if (i < repeats - 1) await page.close();
    }

    step = 'clicking the channel';
    // A fresh page opened on another channel: the big channel's timeline is not loaded yet.
    await page.close();
    page = await context.newPage();
    shown = page;
    await page.goto(randomUrl);
    await channelListAt(page);
    await page.waitForTimeout(1000);
    const clickChannel = async (): Promise<number> => {
      const t0 = await page.evaluate((selector) => {
        const at = performance.now();
        (document.querySelector(selector) as HTMLElement).click();
        return at;
      }, 'a[aria-label^="general (text channel)"]');
      return (await newestAt(page, count)) - t0;
    };
    const firstChannelClick = await clickChannel();
    const clicks: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await page.getByRole('link', { name: /^random \(text channel\)/ }).click();
      await page.getByRole('heading', { name: 'random' }).waitFor();
      clicks.push(await clickChannel());
    }
    await page.waitForTimeout(500);
    const heapAfterOpenMB = await heapMB(page);
    const domNodesAfterOpen = await domNodes(page);

    step = 'scrolling back to the beginning';
    // A frame recorder, as source text (the bundler's helpers do not exist in the page).
    await page.evaluate(`(() => {
      window.benchFrames = [];
      window.benchFramesOn = true;
      let last = performance.now();
      const tick = (now) => {
        window.benchFrames.push(now - last);
        last = now;
        if (window.benchFramesOn) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    const start = Date.now();
    const beginning = page.getByText('This is the beginning of the channel.');
    let scrolled = 0;
    while (!(await beginning.isVisible())) {
      if (Date.now() - start > 10 * 60_000)
        throw new Error('did not reach the beginning in 10 minutes');
      await page.evaluate(() => {
        let el: HTMLElement | null = document.querySelector('ol[aria-label="Messages"]');
        while (el && getComputedStyle(el).overflowY !== 'auto') el = el.parentElement;
        el?.scrollBy(0, -2000);
      });
      await page.waitForTimeout(16);
      if (++scrolled % 200 === 0)
        log(`scrolling back: ${Math.round((Date.now() - start) / 1000)} s`);
    }
    const seconds = Math.round((Date.now() - start) / 100) / 10;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { benchFrames: number[]; benchFramesOn: boolean };
      w.benchFramesOn = false;
      return w.benchFrames.slice(1);
    });
    const sortedFrames = [...frames].sort((a, b) => a - b);
    const heapAfterScrollMB = await heapMB(page);
    const domNodesAfterScroll = await domNodes(page);
    const rowsAfterScroll = await page.evaluate(
      () => document.querySelectorAll('ol[aria-label="Messages"] > li').length,
    );
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      messages: count,
      seedSeconds,
      openToChannelList: spread(toList),
      openToNewestMessage: spread(toNewest),
      firstChannelClick: round(firstChannelClick),
      channelClick: spread(clicks),
      scrollBack: {
        seconds,
        frameMedianMs: round(percentile(sortedFrames, 0.5)),
        frameP95Ms: round(percentile(sortedFrames, 0.95)),
        longestFrameMs: round(sortedFrames.at(-1) ?? NaN),
        framesOver50Ms: frames.filter((f) => f > 50).length,
      },
      memory: {
        heapAfterOpenMB,
        heapAfterScrollMB,
        domNodesAfterOpen,
        domNodesAfterScroll,
        rowsAfterScroll,
      },
    };
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run().catch(async (error: unknown) => {
        const screenshot = path.join(repoRoot, '.haos', 'bench-chat-failure.png');
        await shown?.screenshot({ path: screenshot }).catch(() => undefined);
        throw new Error(
          `chat bench failed during ${step} (screenshot: ${screenshot}): ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`chat bench gave up after ${timeoutMs / 1000} s, during ${step}`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    finished = true;
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    const stack = await stackStart?.catch(() => undefined);
    if (stack) {
      await stack.stop();
      await stack.remove();
    }
  }
}
