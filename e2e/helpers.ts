import { expect, type Browser, type Page } from '@playwright/test';
import { e2eStack } from './stack';

export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A person in their own browser context, on the app's sign-in screen. */
export async function openApp(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(e2eStack().urls.web);
  return page;
}

/** Creates an account through the UI and waits for the signed-in shell. */
export async function registerThroughUi(
  page: Page,
  username: string,
  password = 'correct horse battery',
): Promise<void> {
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
}

/** Registers each person under a unique name made from their key ("ada" → "ada…"); returns the names. */
export async function registerEach<K extends string>(
  people: Record<K, Page>,
): Promise<Record<K, string>> {
  const keys = Object.keys(people) as K[];
  const names = Object.fromEntries(keys.map((k) => [k, unique(k)])) as Record<K, string>;
  await Promise.all(keys.map((k) => registerThroughUi(people[k], names[k])));
  return names;
}

/** Creates a server through the UI; returns its invite link. */
export async function createServerThroughUi(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create a server' }).click();
  await page.getByRole('textbox', { name: 'Server name' }).fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'general' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Invite people' }).click();
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await page.keyboard.press('Escape');
  return link;
}

/** Opens an invite link and accepts it; waits until the server's channels are listed. */
export async function joinThroughInvite(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole('button', { name: 'Accept invite' }).click();
  await expect(page.getByRole('link', { name: 'general (text channel)' })).toBeVisible({
    timeout: 30_000,
  });
}

/** Starts an encrypted DM with someone from Home; waits until it is open and encrypted. */
export async function startDirectThroughUi(page: Page, username: string): Promise<void> {
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('button', { name: '+ Start a conversation' }).click();
  await page.getByRole('textbox', { name: 'User' }).fill(username);
  await page.getByRole('button', { name: 'Message', exact: true }).click();
  await expect(page.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 15_000 });
}

/**
 * Creates a channel through the server's "Create channel" dialog (moderators and above); waits
 * until it is listed.
 */
export async function createChannelThroughUi(
  page: Page,
  name: string,
  options: { voice?: boolean; encrypted?: boolean } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Create channel' }).click();
  if (options.voice) await page.getByRole('radio', { name: /Voice/ }).check();
  await page.getByRole('textbox', { name: 'Channel name' }).fill(name);
  if (options.encrypted) await page.getByRole('checkbox', { name: /End-to-end encrypted/ }).check();
  await page.getByRole('button', { name: 'Create channel' }).last().click();
  // Text channel names are slugs, as the dialog makes them ("Release Plans" → release-plans).
  const listed = options.voice
    ? `${name} (voice channel)`
    : `${name.trim().toLowerCase().replace(/\s+/g, '-')} (text channel)`;
  await expect(page.getByRole('link', { name: listed }).first()).toBeVisible({
    timeout: 20_000,
  });
}
