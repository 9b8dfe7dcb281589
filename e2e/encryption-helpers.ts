import { expect, type Browser, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { e2eStack } from './stack';

export const PASSWORD = 'correct horse battery';

/** Signs in to an existing account through the UI, in a new browser context (a new device). */
export async function signInNewDevice(
  browser: Browser,
  username: string,
  password = PASSWORD,
): Promise<Page> {
  const page = await openApp(browser);
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Opens Security & encryption from the User settings gear. */
export async function openSecurity(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'User settings' }).click();
  await page.getByRole('button', { name: 'Security & encryption', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Security & encryption' })).toBeVisible();
}

/** Sets up recovery through the UI; returns the recovery key the page showed. */
export async function setUpRecoveryThroughUi(page: Page): Promise<string> {
  await openSecurity(page);
  const dialog = page.getByRole('dialog', { name: 'Security & encryption' });
  await dialog.getByRole('button', { name: 'Set up recovery' }).click({ timeout: 20_000 });
  const key = await dialog.getByRole('textbox', { name: 'Recovery key' }).inputValue();
  expect(key).toMatch(/^Es\w{2}( \w{4}){11}$/);
  await dialog.getByRole('button', { name: 'I have saved it' }).click();
  await expect(dialog.getByText('Recovery is set up: key backup is on')).toBeVisible({
    timeout: 30_000,
  });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog.getByText(/^Key backup is on/)).toBeVisible();
  await expect(dialog.getByText('This device is verified')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return key;
}

/** The names of the emoji a page shows for comparison, in order. */
export async function emojiNames(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Emoji to compare' });
  await expect(list.getByRole('listitem')).toHaveCount(7, { timeout: 30_000 });
  return (await list.getByRole('listitem').allInnerTexts()).map((t) => t.trim());
}

interface BackupKeys {
  rooms: Record<string, { sessions: Record<string, unknown> }>;
}

/**
 * Waits until the account's server-side key backup holds at least `sessions` message keys, as
 * the homeserver itself reports (a throwaway REST login, logged out again). The client backs keys
 * up a few seconds after it makes or receives them.
 */
export async function waitForBackedUpKeys(
  username: string,
  sessions: number,
  password = PASSWORD,
): Promise<void> {
  const base = `${e2eStack().urls.synapse}/_matrix/client/v3`;
  const login = (await (
    await fetch(`${base}/login`, {
      method: 'POST',
      body: JSON.stringify({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: username },
        password,
        initial_device_display_name: 'e2e backup probe',
      }),
    })
  ).json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${login.access_token}` };
  try {
    await expect
      .poll(
        async () => {
          const version = (await (
            await fetch(`${base}/room_keys/version`, { headers })
          ).json()) as {
            version?: string;
          };
          if (!version.version) return 0;
          const keys = (await (
            await fetch(`${base}/room_keys/keys?version=${version.version}`, { headers })
          ).json()) as BackupKeys;
          return Object.values(keys.rooms ?? {}).reduce(
            (n, room) => n + Object.keys(room.sessions).length,
            0,
          );
        },
        { timeout: 40_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(sessions);
  } finally {
    await fetch(`${base}/logout`, { method: 'POST', headers });
  }
}
