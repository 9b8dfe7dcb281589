import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { openApp, registerThroughUi, startDirectThroughUi, unique } from '../helpers';
import {
  emojiNames,
  openSecurity,
  PASSWORD,
  setUpRecoveryThroughUi,
  signInNewDevice,
  waitForBackedUpKeys,
} from '../encryption-helpers';

test.describe.configure({ timeout: 150_000 });

// Each test signs in several devices; their clients keep syncing until their contexts close.
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()));
});

const messages = (page: Page) => page.getByRole('list', { name: 'Messages' });

/** Ada and Bo in an encrypted DM with a message from each; returns Ada's and Bo's pages. */
async function adaAndBoInADm(
  browser: Parameters<typeof openApp>[0],
  adaName: string,
  boName: string,
  withRecovery: { bo: boolean },
) {
  const ada = await openApp(browser);
  const bo = await openApp(browser);
  await Promise.all([registerThroughUi(ada, adaName), registerThroughUi(bo, boName)]);
  const [adaKey, boKey] = await Promise.all([
    setUpRecoveryThroughUi(ada),
    withRecovery.bo ? setUpRecoveryThroughUi(bo) : Promise.resolve(undefined),
  ]);

  await startDirectThroughUi(ada, boName);
  await bo.getByRole('link', { name: 'Home' }).click();
  const invite = bo.getByRole('listitem', { name: /^Invite to / });
  await expect(invite).toBeVisible({ timeout: 15_000 });
  await invite.getByRole('button', { name: 'Accept' }).click();
  await expect(bo.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 15_000 });

  const adaBox = ada.getByRole('textbox', { name: /^Message / });
  await adaBox.fill('history from ada');
  await adaBox.press('Enter');
  await expect(messages(bo).getByText('history from ada')).toBeVisible({ timeout: 20_000 });
  const boBox = bo.getByRole('textbox', { name: /^Message / });
  await boBox.fill('history from bo');
  await boBox.press('Enter');
  await expect(messages(ada).getByText('history from bo')).toBeVisible({ timeout: 20_000 });
  // Ada's outbound session and Bo's, both in Ada's backup before her new device restores it.
  await waitForBackedUpKeys(adaName, 2);
  return { ada, bo, adaKey, boKey };
}

async function openDm(page: Page) {
  await page.getByRole('link', { name: 'Home' }).click();
  await page
    .getByRole('link', { name: /\(direct message\)/ })
    .first()
    .click({ timeout: 20_000 });
}

test('a recovery key verifies a new device and restores the encrypted history', async ({
  browser,
}) => {
  const adaName = unique('ada');
  const { adaKey, boKey } = await adaAndBoInADm(browser, adaName, unique('bo'), {
    bo: true,
  });

  const ada2 = await signInNewDevice(browser, adaName);
  const banner = ada2.getByRole('region', { name: 'Verify this device' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(ada2.getByRole('button', { name: /^This device is not verified/ })).toBeVisible();
  await openDm(ada2);
  // Sent before this device existed: unreadable here for now.
  await expect(messages(ada2).getByText(/sent before this device signed in/)).toHaveCount(2, {
    timeout: 20_000,
  });
  await expect(messages(ada2).getByText('history from ada')).toHaveCount(0);

  await banner.getByRole('button', { name: 'Verify this device' }).click();
  const dialog = ada2.getByRole('dialog', { name: 'Security & encryption' });
  await dialog.getByRole('button', { name: 'Use recovery key' }).click();
  const input = dialog.getByRole('textbox', { name: 'Recovery key' });
  const submit = dialog.getByRole('button', { name: 'Verify with recovery key' });

  await input.fill('not a key at all');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-code', 'RECOVERY_KEY_MALFORMED');

  // A real recovery key, but Bo's: well-formed, and wrong for Ada's account.
  await input.fill(boKey ?? '');
  await submit.click();
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-code', 'RECOVERY_KEY_WRONG');
  await expect(dialog.getByRole('alert')).toContainText('That recovery key is not right');

  // Pasted without its spaces, over two lines: still Ada's key.
  const compact = adaKey.replace(/ /g, '');
  await input.fill(`${compact.slice(0, 24)}\n${compact.slice(24)}`);
  await submit.click();
  await expect(
    dialog.getByText(/This device is verified, and your message keys are restored/),
  ).toBeVisible({
    timeout: 40_000,
  });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog.getByText(/^Key backup is on/)).toBeVisible();
  await ada2.keyboard.press('Escape');

  await expect(messages(ada2).getByText('history from ada')).toBeVisible({ timeout: 20_000 });
  await expect(messages(ada2).getByText('history from bo')).toBeVisible();
  await expect(banner).toBeHidden();
  await expect(ada2.getByRole('button', { name: /^This device is verified\./ })).toBeVisible();
});

test('a new device is verified by comparing emoji with a signed-in one', async ({ browser }) => {
  const adaName = unique('ada');
  const { ada } = await adaAndBoInADm(browser, adaName, unique('bo'), { bo: false });

  const ada2 = await signInNewDevice(browser, adaName);
  await openDm(ada2);
  await expect(messages(ada2).getByText(/sent before this device signed in/)).toHaveCount(2, {
    timeout: 20_000,
  });
  await ada2
    .getByRole('region', { name: 'Verify this device' })
    .getByRole('button', { name: 'Verify this device' })
    .click();
  await ada2.getByRole('button', { name: 'Verify with another device' }).click();
  await expect(ada2.getByText('Waiting for your other device…')).toBeVisible();

  const prompt = ada.getByRole('dialog', { name: 'Verify your new sign-in?' });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await prompt.getByRole('button', { name: 'Accept' }).click();

  const [names1, names2] = await Promise.all([emojiNames(ada), emojiNames(ada2)]);
  expect(names1).toHaveLength(7);
  expect(names2).toEqual(names1);

  await ada2.getByRole('button', { name: 'They match' }).click();
  await ada.getByRole('button', { name: 'They match' }).click();
  for (const page of [ada, ada2]) {
    await expect(page.getByRole('dialog', { name: 'Verified' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Done' }).click();
  }

  // The new device is cross-signed, and got the backup key from the other one: history readable.
  await expect(ada2.getByRole('button', { name: /^This device is verified/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(ada2.getByRole('region', { name: 'Verify this device' })).toBeHidden();
  await expect(messages(ada2).getByText('history from ada')).toBeVisible({ timeout: 40_000 });
  await expect(messages(ada2).getByText('history from bo')).toBeVisible();
  await openSecurity(ada2);
  await expect(ada2.getByText('This device is verified', { exact: true })).toBeVisible();
});

test("emoji that don't match cancel the verification on both devices", async ({ browser }) => {
  const ada = await openApp(browser);
  const adaName = unique('ada');
  await registerThroughUi(ada, adaName);
  await setUpRecoveryThroughUi(ada);

  const ada2 = await signInNewDevice(browser, adaName);
  await ada2
    .getByRole('region', { name: 'Verify this device' })
    .getByRole('button', { name: 'Verify this device' })
    .click({ timeout: 20_000 });
  await ada2.getByRole('button', { name: 'Verify with another device' }).click();
  await ada
    .getByRole('dialog', { name: 'Verify your new sign-in?' })
    .getByRole('button', { name: 'Accept' })
    .click({ timeout: 20_000 });
  expect(await emojiNames(ada2)).toEqual(await emojiNames(ada));

  await ada2.getByRole('button', { name: "They don't match" }).click();
  for (const page of [ada, ada2]) {
    const ended = page.getByRole('dialog', { name: 'Verification cancelled' });
    await expect(ended).toBeVisible({ timeout: 20_000 });
    await expect(ended.getByRole('alert')).toHaveAttribute('data-code', 'MISMATCH');
    await expect(ended.getByRole('alert')).toContainText("The emoji didn't match");
    await ended.getByRole('button', { name: 'OK' }).click();
  }
  await expect(ada2.getByRole('button', { name: /^This device is not verified/ })).toBeVisible();
  const banner = ada2.getByRole('region', { name: 'Verify this device' });
  await expect(banner).toBeVisible();
  // Skip hides the banner; the shield still says the device is not verified.
  await banner.getByRole('button', { name: 'Skip' }).click();
  await expect(banner).toBeHidden();
  await expect(ada2.getByRole('button', { name: /^This device is not verified/ })).toBeVisible();
});

test('a device that cannot be verified resets encryption with the account password', async ({
  browser,
}) => {
  const ada = await openApp(browser);
  const adaName = unique('ada');
  await registerThroughUi(ada, adaName);
  await setUpRecoveryThroughUi(ada);

  const ada2 = await signInNewDevice(browser, adaName);
  await ada2
    .getByRole('region', { name: 'Verify this device' })
    .getByRole('button', { name: 'Verify this device' })
    .click({ timeout: 20_000 });
  const dialog = ada2.getByRole('dialog', { name: 'Security & encryption' });
  await dialog.getByRole('button', { name: "Can't verify? Reset encryption" }).click();
  await dialog.getByRole('button', { name: 'Reset encryption' }).click();
  const newKey = await dialog.getByRole('textbox', { name: 'Recovery key' }).inputValue();
  expect(newKey).toMatch(/^Es\w{2}( \w{4}){11}$/);
  await dialog.getByRole('button', { name: 'I have saved it' }).click();

  const password = dialog.getByLabel('Account password');
  await password.fill('not my password');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByRole('alert')).toHaveAttribute('data-code', 'WRONG_PASSWORD', {
    timeout: 20_000,
  });

  await password.fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByText('Recovery is set up: key backup is on')).toBeVisible({
    timeout: 30_000,
  });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog.getByText(/^Key backup is on/)).toBeVisible();
  await expect(dialog.getByText('This device is verified', { exact: true })).toBeVisible();

  // The first device belongs to the old identity now: it is the one asked to verify.
  await expect(ada.getByRole('region', { name: 'Verify this device' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(ada.getByRole('button', { name: /^This device is not verified/ })).toBeVisible();
});
