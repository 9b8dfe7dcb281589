import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { matrixRequest } from '@haos/stack';
import { loginUser } from '../hostile';
import { openApp, registerThroughUi, unique } from '../helpers';
import { e2eStack } from '../stack';

const PASSWORD = 'correct horse battery';

/** Reads or changes the saved session's ciphertext in the browser's IndexedDB. */
const vaultCiphertext = (page: Page, corrupt: boolean) =>
  page.evaluate(
    (corrupt) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('haos-session');
        open.onerror = () => reject(new Error('cannot open the vault'));
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('vault', 'readwrite').objectStore('vault');
          const get = store.get('session');
          get.onsuccess = () => {
            const blob = get.result as { iv: Uint8Array; ciphertext: ArrayBuffer } | undefined;
            if (!blob) return resolve(0);
            if (!corrupt) return resolve(blob.ciphertext.byteLength);
            const bytes = new Uint8Array(blob.ciphertext.slice(0));
            bytes[0] = (bytes[0] ?? 0) ^ 0xff;
            store.put({ iv: blob.iv, ciphertext: bytes.buffer }, 'session').onsuccess = () =>
              resolve(bytes.byteLength);
          };
        };
      }),
    corrupt,
  );

test('a saved session this browser cannot decrypt is kept and explained, not dropped for a silent sign-in screen', async ({
  browser,
}) => {
  const page = await openApp(browser);
  await registerThroughUi(page, unique('sam'));
  expect(await vaultCiphertext(page, true)).toBeGreaterThan(0);
  await page.reload();

  const problem = page.getByRole('region', { name: "HAOS couldn't resume your session" });
  await expect(problem).toBeVisible({ timeout: 20_000 });
  await expect(problem.getByRole('alert')).toContainText(
    "Your saved session is still in this browser, but it could not be decrypted with this browser's key.",
  );
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
  // Nothing was deleted, and trying again says the same.
  expect(await vaultCiphertext(page, false)).toBeGreaterThan(0);
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(problem.getByRole('alert')).toContainText('could not be decrypted');

  // Only when the person says so is it forgotten.
  await problem.getByRole('button', { name: 'Sign in again…' }).click();
  await expect(problem).toContainText('Encrypted messages can then be read only with');
  await problem.getByRole('button', { name: 'Sign in again', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back!' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(
    'This browser no longer keeps your old session.',
  );
  expect(await vaultCiphertext(page, false)).toBe(0);
});

test('signed out from another device: the app says so on the sign-in screen', async ({
  browser,
}) => {
  const page = await openApp(browser);
  const name = unique('lou');
  await registerThroughUi(page, name, PASSWORD);
  const other = await loginUser(e2eStack().urls.synapse, name, PASSWORD);
  await matrixRequest(e2eStack().urls.synapse, other, 'POST', '/_matrix/client/v3/logout/all', {});

  await expect(page.getByRole('heading', { name: 'Welcome back!' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('status')).toContainText(
    `You were signed out: ${new URL(e2eStack().urls.synapse).host} ended this session`,
  );
  expect(await vaultCiphertext(page, false)).toBe(0);
});
