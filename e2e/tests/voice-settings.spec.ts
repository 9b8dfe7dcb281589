import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, registerThroughUi, unique, joinThroughInvite } from '../helpers';
import {
  closeMicBrowsers,
  expectHears,
  expectSilent,
  heard,
  HEARD_DB,
  personWithMic,
  SILENT_DB,
} from '../audio';

// Each person's microphone plays their own pitch, so a listener can tell who they hear.
const PITCH = { ada: 1000, bo: 1500 } as const;

test.describe.configure({ timeout: 180_000 });

test.afterEach(closeMicBrowsers);

const general = (page: Page) => page.getByRole('link', { name: /^General \(voice channel\)/ });
const panel = (page: Page) => page.getByRole('region', { name: 'Voice connection' });
const connected = (page: Page) =>
  expect(panel(page).getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
    timeout: 30_000,
  });
const tile = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Participants' }).getByRole('listitem', { name });
const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Voice & Video settings' });

/** Stays silent (below SILENT_DB) for the whole of `ms`, sampled every 100 ms. */
async function expectSilentFor(page: Page, frequency: number, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    expect(await heard(page, frequency)).toBeLessThan(SILENT_DB);
    await page.waitForTimeout(100);
  }
}

/** Ada and Bo (both with a tone as their microphone) in General of a new server. */
async function twoInACall(
  adaVolume?: number,
): Promise<{ ada: Page; bo: Page; names: { ada: string; bo: string } }> {
  const [ada, bo] = await Promise.all([
    personWithMic(PITCH.ada, adaVolume),
    personWithMic(PITCH.bo),
  ]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Settings Lab');
  await joinThroughInvite(bo, link);
  await general(ada).click();
  await general(bo).click();
  await Promise.all([connected(ada), connected(bo)]);
  return { ada, bo, names };
}

test('push to talk: the others hear you only while your key is held, plus the release delay', async () => {
  const { ada, bo, names } = await twoInACall();
  // Voice activity (the default): Ada's tone is louder than the default sensitivity, so it is sent.
  await expectHears(bo, PITCH.ada);

  // Ada switches to push to talk from the voice panel, binds T, and sets a 600 ms release delay.
  await panel(ada).getByRole('button', { name: 'Voice settings' }).click();
  const dialog = dialogOf(ada);
  await dialog.getByRole('radio', { name: 'Push to talk' }).check();
  await dialog.getByRole('button', { name: 'Record keybind' }).click();
  await expect(dialog.getByRole('button', { name: /Press a key/ })).toBeVisible();
  await ada.keyboard.press('KeyT');
  await expect(dialog.getByText('Shortcut:')).toHaveText('Shortcut: T');
  await dialog.getByRole('slider', { name: 'Push to talk release delay' }).fill('600');
  await ada.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const ptt = panel(ada).getByRole('status', { name: 'Push to talk' });
  await expect(ptt).toHaveText('Push to talk: hold T');
  // Key up: Bo hears nothing of Ada, and does not see her as muted (she is just not talking).
  await expectSilent(bo, PITCH.ada);
  await expectSilentFor(bo, PITCH.ada, 1500);
  await expectHears(ada, PITCH.bo);
  await general(bo).click();
  await expect(tile(bo, names.ada)).toBeVisible();
  await expect(tile(bo, names.ada).getByRole('img', { name: 'Muted' })).toHaveCount(0);

  // Key down: "Transmitting", and Bo hears her.
  await ada.keyboard.down('KeyT');
  await expect(ptt).toHaveText('Transmitting');
  await expectHears(bo, PITCH.ada, 5_000);
  await ada.waitForTimeout(1000);
  expect(await heard(bo, PITCH.ada)).toBeGreaterThan(HEARD_DB);

  // Key up: sending goes on for the release delay, then stops.
  const released = Date.now();
  await ada.keyboard.up('KeyT');
  await expect(ptt).toHaveText('Push to talk: hold T', { timeout: 3_000 });
  expect(Date.now() - released).toBeGreaterThanOrEqual(550);
  await expectSilent(bo, PITCH.ada);

  // Focus leaving the window while the key is down stops sending too (the key-up never comes).
  await ada.keyboard.down('KeyT');
  await expect(ptt).toHaveText('Transmitting');
  await ada.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect(ptt).toHaveText('Push to talk: hold T', { timeout: 3_000 });
  await expectSilent(bo, PITCH.ada);
  await ada.keyboard.up('KeyT');
});

test('voice activity: a quiet voice below the input sensitivity is not sent, above it is', async () => {
  // Ada's microphone plays a quieter tone than the others' (0.2 of full scale, not 0.5).
  const { ada, bo } = await twoInACall(0.2);
  await panel(ada).getByRole('button', { name: 'Voice settings' }).click();
  const dialog = dialogOf(ada);
  // The browser's noise suppression takes a steady quiet tone for noise and removes most of it.
  await dialog
    .getByRole('group', { name: 'Noise suppression' })
    .getByRole('radio', { name: 'Off' })
    .check();
  await expect(dialog.getByRole('radio', { name: 'Voice activity' })).toBeChecked();
  // The live meter shows her level.
  const level = dialog.getByLabel('Microphone level in dB');
  await expect
    .poll(async () => Number(await level.textContent()), { timeout: 10_000 })
    .toBeGreaterThan(-80);
  // Let the re-opened microphone settle (automatic gain control adapts over a moment).
  await ada.waitForTimeout(1500);
  const measured = Number(await level.textContent());

  // Sensitivity 15 dB above her level: Bo hears nothing, and the meter says why.
  const slider = dialog.getByRole('slider', { name: 'Input sensitivity' });
  await slider.fill(String(Math.min(0, Math.round(measured + 15))));
  await expect(dialog.getByText(/too quiet to send/)).toBeVisible();
  await expectSilent(bo, PITCH.ada);
  await expectSilentFor(bo, PITCH.ada, 1500);

  // 15 dB below it: Bo hears her.
  await slider.fill(String(Math.round(measured - 15)));
  await expect(dialog.getByText(/: sending$/)).toBeVisible();
  await expectHears(bo, PITCH.ada);
});

test('devices switch live during a call, processing re-opens the microphone, warnings, and settings survive a reload', async () => {
  const { ada, bo } = await twoInACall();
  await expectHears(bo, PITCH.ada);
  // From the gear in the user panel.
  await ada.getByRole('button', { name: 'User settings' }).click();
  await ada.getByRole('button', { name: 'Voice & Video settings' }).click();
  const dialog = dialogOf(ada);
  const input = dialog.getByRole('combobox', { name: 'Input device' });
  await expect(input.getByRole('option', { name: 'Fake Audio Input 1' })).toBeAttached();
  await expect(dialog.getByText(/^In use: /)).toHaveText('In use: Fake Default Audio Input');

  // Chromium offers several fake microphones: switching re-opens the one chosen, mid-call.
  await input.selectOption({ label: 'Fake Audio Input 1' });
  await expect(dialog.getByText(/^In use: /)).toHaveText('In use: Fake Audio Input 1', {
    timeout: 10_000,
  });
  await expectHears(bo, PITCH.ada);

  // Speakers: the call goes on and Ada still hears Bo.
  const output = dialog.getByRole('combobox', { name: 'Output device' });
  await output.selectOption({ label: 'Fake Audio Output 1' });
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expectHears(ada, PITCH.bo);

  // Processing off: the microphone is re-opened with it, and still heard.
  await dialog
    .getByRole('group', { name: 'Noise suppression' })
    .getByRole('radio', { name: 'Off' })
    .check();
  await dialog.getByRole('checkbox', { name: 'Echo cancellation' }).uncheck();
  await expect(dialog.getByText(/^In use: /)).toHaveText('In use: Fake Audio Input 1');
  await expectHears(bo, PITCH.ada);
  await dialog.getByRole('slider', { name: 'Input sensitivity' }).fill('-45');
  await ada.keyboard.press('Escape');
  // The call stayed up through all of it (the dialog hides the panel while it is open).
  await connected(ada);
  await expect(panel(ada).getByRole('alert')).toHaveCount(0);

  // Talking while muted: the panel says so; unmuting clears it.
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await expect(panel(ada).getByRole('alert')).toHaveText("You're muted: unmute to be heard.");
  await expectSilent(bo, PITCH.ada);
  await ada.getByRole('button', { name: 'Unmute', exact: true }).first().click();
  await expect(panel(ada).getByRole('alert')).toHaveCount(0);

  // After a reload, everything chosen is still set.
  await ada.reload();
  await expect(ada.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
  await ada.getByRole('button', { name: 'User settings' }).click();
  await ada.getByRole('button', { name: 'Voice & Video settings' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Input device' })).toHaveValue(
    (await input.locator('option', { hasText: 'Fake Audio Input 1' }).getAttribute('value')) ??
      'missing',
  );
  await expect(
    dialog.getByRole('combobox', { name: 'Output device' }).locator('option:checked'),
  ).toHaveText('Fake Audio Output 1');
  await expect(input.locator('option:checked')).toHaveText('Fake Audio Input 1');
  await expect(
    dialog.getByRole('group', { name: 'Noise suppression' }).getByRole('radio', { name: 'Off' }),
  ).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Echo cancellation' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Automatic gain control' })).toBeChecked();
  await expect(dialog.getByRole('slider', { name: 'Input sensitivity' })).toHaveValue('-45');

  // Out of a call, "Test microphone" shows her live level on the meter.
  await dialog.getByRole('button', { name: 'Test microphone' }).click();
  await expect
    .poll(async () => Number(await dialog.getByLabel('Microphone level in dB').textContent()), {
      timeout: 10_000,
    })
    .toBeGreaterThan(-80);
  await dialog.getByRole('button', { name: 'Stop microphone test' }).click();
  await expect(dialog.getByLabel('Microphone level in dB')).toHaveCount(0);
});

test('a microphone that sends only silence is pointed out', async () => {
  // Ada's microphone delivers digital silence (a file of zeros).
  const ada = await personWithMic(PITCH.ada, 0);
  await registerThroughUi(ada, unique('ada'));
  await createServerThroughUi(ada, 'Silent Lab');
  await general(ada).click();
  await connected(ada);
  await expect(panel(ada).getByRole('alert')).toContainText('Your microphone seems silent', {
    timeout: 15_000,
  });
});
