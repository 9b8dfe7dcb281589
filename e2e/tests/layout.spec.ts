import { expect, test } from '../fixtures';
import { createServerThroughUi, openApp, registerThroughUi, unique } from '../helpers';

test('phone width: one column at a time, with the servers and channels as a drawer', async ({
  browser,
}) => {
  const page = await openApp(browser);
  await registerThroughUi(page, unique('pia'));
  await createServerThroughUi(page, 'Pocket');
  await page.setViewportSize({ width: 390, height: 844 });

  const rail = page.getByRole('navigation', { name: 'Servers' });
  await expect(page.getByRole('heading', { name: 'general' })).toBeVisible();
  await expect(rail).toBeHidden();
  await page.getByRole('button', { name: 'Show servers and channels' }).click();
  await expect(rail).toBeVisible();
  await expect(page.getByRole('heading', { name: 'general' })).toBeHidden();
  await page.getByRole('link', { name: 'General (voice channel)' }).click();
  await expect(rail).toBeHidden();
  await expect(page.getByRole('heading', { name: 'General' })).toBeVisible();
});

test('dark by default; the light theme is remembered across reloads', async ({ browser }) => {
  const page = await openApp(browser);
  await registerThroughUi(page, unique('lux'));
  const html = page.locator('html');
  await expect(html).not.toHaveAttribute('data-theme', 'light');
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole('button', { name: 'User settings' }).click();
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(dark);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'User settings' }).click({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
});
