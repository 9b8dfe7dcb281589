import { expect, test } from '../fixtures';
import { e2eStack } from '../stack';
import { openApp, registerThroughUi, unique } from '../helpers';

test('create an account, sign out, and get clear messages for a wrong password, a taken name and an unreachable homeserver', async ({
  browser,
}) => {
  const page = await openApp(browser);
  const name = unique('erin');
  await registerThroughUi(page, name, 'first password 1');

  // The session survives a reload, and no token is left in plain storage or the URL.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
  const plain = await page.evaluate(
    () =>
      JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href,
  );
  expect(plain).not.toMatch(/syt_|access_token/);

  await page.getByRole('button', { name: 'User settings' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back!' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Username' }).fill(name);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'WRONG_PASSWORD');

  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(name);
  await page.getByLabel('Password').fill('another password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'USERNAME_TAKEN');

  await page.getByRole('button', { name: 'Sign in instead' }).click();
  await page.getByRole('textbox', { name: 'Homeserver' }).fill('http://127.0.0.1:9');
  await page.getByRole('textbox', { name: 'Username' }).fill(name);
  await page.getByLabel('Password').fill('first password 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'UNREACHABLE');
  await expect(page.getByRole('alert')).toContainText("Can't reach http://127.0.0.1:9");

  await page.getByRole('textbox', { name: 'Homeserver' }).fill(e2eStack().urls.synapse);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
});
