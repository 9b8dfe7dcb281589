import type { Browser, Locator, Page } from 'playwright-core';

/** Page-side helpers for the voice benchmark: driving the UI, reading the probes and marks. */

export const STEPS = ['join', 'openid', 'token', 'signal', 'connected'] as const;
export type Step = (typeof STEPS)[number];

/** Quiet needed before a sound counts as a new onset (ms). */
export const QUIET_MS = 300;

export interface Person {
  name: string;
  browser: Browser;
  page: Page;
  /** Add to this page's clock (timeOrigin + now) to get the system clock. */
  offset: number;
}

declare global {
  interface Window {
    haosBench: {
      heard: { onsets: number[]; lastLoudAt: number; level: number };
      spoken: { onsets: number[]; lastLoudAt: number; level: number };
    };
  }
}

export const general = (page: Page) =>
  page.getByRole('link', { name: /^General \(voice channel\)/ });
export const voicePanel = (page: Page) => page.getByRole('region', { name: 'Voice connection' });

export async function visible(locator: Locator, timeout = 30_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function register(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await visible(page.getByRole('navigation', { name: 'Servers' }));
}

/** Creates a server; returns its invite link. */
export async function createServer(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create a server' }).click();
  await page.getByRole('textbox', { name: 'Server name' }).fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await visible(page.getByRole('heading', { name: 'general' }));
  await page.getByRole('button', { name: 'Invite people' }).click();
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await page.keyboard.press('Escape');
  return link;
}

export async function acceptInvite(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Accept invite' }).click();
  await visible(page.getByRole('link', { name: 'general (text channel)' }));
  await visible(general(page));
}

export async function connected(page: Page): Promise<void> {
  await visible(
    voicePanel(page).getByRole('status').filter({ hasText: 'Voice connected' }),
    20_000,
  );
}

/** Disconnects, and waits until the listener no longer lists this person in the channel. */
export async function leave(page: Page, listener: Page): Promise<void> {
  await voicePanel(page).getByRole('button', { name: 'Disconnect' }).click();
  await voicePanel(page).waitFor({ state: 'detached', timeout: 10_000 });
  await listener.waitForFunction(
    () => document.querySelectorAll('ul[aria-label="In General"] > li').length === 1,
    undefined,
    { polling: 20, timeout: 10_000 },
  );
}

/** Waits until the page has heard nothing for QUIET_MS. */
export async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(
    (quietMs) =>
      performance.timeOrigin + performance.now() - window.haosBench.heard.lastLoudAt >= quietMs,
    QUIET_MS,
    { polling: 20, timeout: 10_000 },
  );
}

/** The first onset the page heard after `after` (page clock), once there is one. */
export async function firstOnsetAfter(page: Page, after: number): Promise<number> {
  const handle = await page.waitForFunction(
    (t) => window.haosBench.heard.onsets.find((o) => o > t),
    after,
    { polling: 5, timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin + performance.now());
}

/**
 * What to add to this page's clock (timeOrigin + now) to get the system clock. Date.now() is
 * the system clock cut to whole milliseconds, so over many readings the largest difference is
 * the offset (to a fraction of a millisecond). Puts times from several browsers on one clock.
 */
export function clockOffset(page: Page): Promise<number> {
  return page.evaluate(() => {
    let offset = -Infinity;
    const end = performance.now() + 50;
    while (performance.now() < end) {
      const t = performance.timeOrigin + performance.now();
      offset = Math.max(offset, Date.now() - t);
    }
    return offset;
  });
}

/** The joiner's latest join-step marks, on the system clock. */
export async function readMarks(person: Person): Promise<Record<Step, number>> {
  const found = await person.page.evaluate(
    (names) =>
      names.map((name) => {
        const mark = performance.getEntriesByName(`haos.call.${name}`, 'mark').at(-1);
        return mark ? performance.timeOrigin + mark.startTime : null;
      }),
    [...STEPS],
  );
  const marks = {} as Record<Step, number>;
  STEPS.forEach((s, i) => {
    const at = found[i];
    if (at === null || at === undefined) throw new Error(`the app did not mark haos.call.${s}`);
    marks[s] = at + person.offset;
  });
  for (let i = 1; i < STEPS.length; i++) {
    if (marks[STEPS[i]!] < marks[STEPS[i - 1]!])
      throw new Error(`haos.call.${STEPS[i]} came before haos.call.${STEPS[i - 1]}`);
  }
  return marks;
}
