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
  await page.getByRole('textbox', { name: 'Homeserver' }).fill('https://127.0.0.1:9');
  await page.getByRole('textbox', { name: 'Username' }).fill(name);
  await page.getByLabel('Password').fill('first password 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'UNREACHABLE');
  await expect(page.getByRole('alert')).toContainText("Can't reach https://127.0.0.1:9");

  await page.getByRole('textbox', { name: 'Homeserver' }).fill(e2eStack().urls.synapse);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
});

test('sign-up says the password rules first, and the homeserver refusing a password is a clear message with its code; nothing typed is lost', async ({
  browser,
}) => {
  const page = await openApp(browser);
  const name = unique('pat');
  await page.getByRole('button', { name: 'Register' }).click();
  // The local stack's Synapse announces its policy; the form says it before anything is sent.
  await expect(
    page.getByText('Password rules on this homeserver: At least 8 characters.'),
  ).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
    'Password rules on this homeserver: At least 8 characters.',
  );
  await page.getByRole('textbox', { name: 'Username' }).fill(name);
  for (const password of ['x', 'seven77']) {
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-error-code', 'PASSWORD_TOO_SHORT');
    await expect(alert).toHaveText(
      'That password is too short for this homeserver. The homeserver says: “The password must be at least 8 characters long”. (M_PASSWORD_TOO_SHORT)',
    );
  }
  await expect(page.getByRole('textbox', { name: 'Username' })).toHaveValue(name);
  await page.getByLabel('Password').fill('eight888');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
});
