import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { matrixRequest, registerUser, seedMessages } from '@haos/stack';
import { createServerThroughUi, openApp, registerThroughUi, unique } from '../helpers';
import { e2eStack } from '../stack';

const COUNT = 400;

/** The timeline's scrolling element (the list's scrolling ancestor). */
async function scroll(page: Page, to: 'top' | 'bottom' | number): Promise<void> {
  await page.evaluate((to) => {
    let el: HTMLElement | null = document.querySelector('ol[aria-label="Messages"]');
    while (el && getComputedStyle(el).overflowY !== 'auto') el = el.parentElement;
    if (!el) throw new Error('no scrolling timeline');
    if (to === 'top') el.scrollTop = 0;
    else if (to === 'bottom') el.scrollTop = el.scrollHeight;
    else el.scrollTop += to;
  }, to);
}

/** The message at the top of the view (its label) and where it sits relative to the view. */
function topMessage(page: Page): Promise<{ label: string; y: number; scrollHeight: number }> {
  return page.evaluate(() => {
    let el: HTMLElement | null = document.querySelector('ol[aria-label="Messages"]');
    while (el && getComputedStyle(el).overflowY !== 'auto') el = el.parentElement;
    const view = el!.getBoundingClientRect();
    const rows = Array.from(
      document.querySelectorAll<HTMLElement>('ol[aria-label="Messages"] > li[aria-label]'),
    );
    const row = rows.find((r) => r.getBoundingClientRect().bottom > view.top + 1)!;
    return {
      label: row.getAttribute('aria-label')!,
      y: row.getBoundingClientRect().top - view.top,
      scrollHeight: el!.scrollHeight,
    };
  });
}

const rowCount = (page: Page) => page.locator('ol[aria-label="Messages"] > li').count();

test('a long channel opens at its newest message, scrolls back to its beginning, and keeps its place', async ({
  browser,
}) => {
  const hs = e2eStack().urls.synapse;
  const first = await openApp(browser);
  await registerThroughUi(first, unique('ada'));
  await createServerThroughUi(first, 'Long Talk');
  const channelUrl = first.url();
  const [, , serverId = '', generalId = ''] = new URL(channelUrl).pathname
    .split('/')
    .map(decodeURIComponent);
  // Someone with a lot to say fills #general while Ada is away (her tab closed).
  const poster = await registerUser(hs, unique('poster'));
  const name = poster.userId.slice(1).split(':')[0]!;
  for (const room of [serverId, generalId])
    await matrixRequest(
      hs,
      poster,
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(room)}`,
      {},
    );
  const context = first.context();
  await first.close();
  await seedMessages(hs, generalId, [poster], COUNT);

  // Ada comes back. Older history arrives a little slowly, so the test can look at the view
  // while it loads.
  const page = await context.newPage();
  await page.route('**/_matrix/client/v3/rooms/*/messages?**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await page.goto(channelUrl);
  const messages = page.getByRole('list', { name: 'Messages' });
  const newest = messages.getByRole('listitem', { name: `${name}: ${COUNT}: `, exact: false });
  await expect(newest).toBeInViewport({ timeout: 20_000 });

  // Scrolled to the top of what is loaded, the view stays on the same message while older ones
  // load above it, instead of jumping to them.
  // (Once the view is full and the first load has settled; until then there is no scrolling.)
  await expect
    .poll(() =>
      page.evaluate(() => {
        let el: HTMLElement | null = document.querySelector('ol[aria-label="Messages"]');
        while (el && getComputedStyle(el).overflowY !== 'auto') el = el.parentElement;
        return el!.getAttribute('aria-busy') === 'false' && el!.scrollHeight > el!.clientHeight * 2;
      }),
    )
    .toBe(true);
  await scroll(page, 'top');
  await page.waitForTimeout(150);
  const before = await topMessage(page);
  await expect
    .poll(async () => (await topMessage(page)).scrollHeight, { timeout: 10_000 })
    .toBeGreaterThan(before.scrollHeight + 500);
  await page.waitForTimeout(300);
  const after = await topMessage(page);
  expect(after.label).toBe(before.label);
  expect(Math.abs(after.y - before.y)).toBeLessThan(30);

  // All the way back to the first message; only the rows near the view are in the page.
  await page.unroute('**/_matrix/client/v3/rooms/*/messages?**');
  const start = messages.getByText('This is the beginning of the channel.');
  await expect(async () => {
    await scroll(page, 'top');
    await expect(start).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
  // (The first messages were sent several at a time, so any of the first batch may lead.)
  const firstBatch = new RegExp(`^${name}: (\\*\\*)?[1-8](\\*\\*|:) `);
  await expect(messages.getByRole('listitem', { name: firstBatch }).first()).toBeVisible();
  expect(await rowCount(page)).toBeLessThan(COUNT / 4);

  // Back at the bottom, a new message is followed into view.
  await expect(async () => {
    await scroll(page, 'bottom');
    await expect(newest).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  const send = (n: number, body: string) =>
    matrixRequest(
      hs,
      poster,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(generalId)}/send/m.room.message/live-${n}`,
      { msgtype: 'm.text', body },
    );
  await send(1, 'fresh off the press');
  await expect(messages.getByText('fresh off the press')).toBeInViewport({ timeout: 10_000 });

  // Scrolled up to read, a new message does not move what is being read.
  await scroll(page, -1500);
  await page.waitForTimeout(300);
  const reading = await topMessage(page);
  await send(2, 'another one while you read');
  await expect
    .poll(async () => (await topMessage(page)).scrollHeight, { timeout: 10_000 })
    .toBeGreaterThan(reading.scrollHeight);
  const still = await topMessage(page);
  expect(still.label).toBe(reading.label);
  expect(Math.abs(still.y - reading.y)).toBeLessThan(2);
  await context.close();
});
