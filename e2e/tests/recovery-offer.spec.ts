import { expect, test } from '../fixtures';
import { openApp, registerEach, startDirectThroughUi } from '../helpers';

test('before encrypted history can be lost, HAOS offers recovery: in the first encrypted DM, and on signing out', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ada = await openApp(browser);
  const bo = await openApp(browser);
  const names = await registerEach({ ada, bo });
  await startDirectThroughUi(ada, names.bo);

  const nudge = ada.getByRole('region', { name: 'Keep your encrypted messages' });
  await expect(nudge).toContainText(
    'Only your devices can read this conversation. Set up recovery so you can still read it if you sign out or lose this device.',
  );
  await nudge.getByRole('button', { name: 'Not now' }).click();
  await expect(nudge).toHaveCount(0);
  await ada.reload();
  await expect(ada.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 30_000 });
  await expect(nudge).toHaveCount(0);

  // Signing out without recovery: told what would be lost, offered recovery, may cancel.
  const signOut = async () => {
    await ada.getByRole('button', { name: 'User settings' }).click();
    await ada.getByRole('button', { name: 'Sign out' }).click();
  };
  await signOut();
  const before = ada.getByRole('dialog', { name: 'Before you sign out' });
  await expect(before).toContainText(
    "Recovery isn't set up, so if you sign out now, you won't be able to read them again on any new sign-in.",
  );
  await before.getByRole('button', { name: 'Cancel' }).click();
  await expect(before).toHaveCount(0);
  await expect(ada.getByRole('navigation', { name: 'Servers' })).toBeVisible();

  await signOut();
  await before.getByRole('button', { name: 'Set up recovery' }).click();
  const security = ada.getByRole('dialog', { name: 'Security & encryption' });
  await security.getByRole('button', { name: 'Set up recovery' }).click({ timeout: 20_000 });
  await security.getByRole('button', { name: 'I have saved it' }).click();
  await expect(security.getByText('Recovery is set up: key backup is on')).toBeVisible({
    timeout: 30_000,
  });
  await security.getByRole('button', { name: 'Done' }).click();
  await ada.keyboard.press('Escape');
  await expect(security).toBeHidden();

  // With recovery set up, signing out just signs out.
  await signOut();
  await expect(ada.getByRole('heading', { name: 'Welcome back!' })).toBeVisible({
    timeout: 20_000,
  });
});
