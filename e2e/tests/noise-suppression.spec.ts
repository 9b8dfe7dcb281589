import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import {
  closeMicBrowsers,
  levelsWithin,
  percentile,
  personWithMic,
  speechInNoiseFile,
} from '../audio';
import { joinGeneral } from '../video';

test.describe.configure({ timeout: 240_000 });

test.afterEach(closeMicBrowsers);

/** The call is still up (the voice panel says so). */
const stillConnected = (page: Page) =>
  expect(page.getByRole('region', { name: 'Voice connection' }).getByRole('status')).toContainText(
    'Voice connected',
  );
const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Voice & Video settings' });
const suppression = (page: Page, choice: RegExp) =>
  dialogOf(page).getByRole('group', { name: 'Noise suppression' }).getByRole('radio', {
    name: choice,
  });

/** One loop of the noisy microphone's file (6 s noise, 6 s speech over it), plus a little. */
const LOOP_MS = 12_500;

/**
 * What Bo hears of Ada over one loop: the background (the quietest quarter, the noise alone) and
 * the speech (the loudest tenth).
 */
async function listen(bo: Page): Promise<{ noise: number; speech: number }> {
  const levels = await levelsWithin(bo, LOOP_MS);
  return { noise: percentile(levels, 0.25), speech: percentile(levels, 0.9) };
}

test('enhanced noise suppression: the noise reaching the others is much quieter, speech still passes', async () => {
  // Ada talks in a noisy room; Bo's microphone is silent, so all Bo hears is Ada.
  const [ada, bo] = await Promise.all([personWithMic(speechInNoiseFile()), personWithMic(1000, 0)]);
  await Promise.all([registerThroughUi(ada, unique('ada')), registerThroughUi(bo, unique('bo'))]);
  await joinThroughInvite(bo, await createServerThroughUi(ada, 'Noisy Lab'));
  await Promise.all([joinGeneral(ada), joinGeneral(bo)]);

  await ada.getByRole('button', { name: 'Voice settings' }).click();
  const dialog = dialogOf(ada);
  await expect(suppression(ada, /^Browser's own$/)).toBeChecked();
  // Nothing else changes Ada's level: no gain control, and every sound is sent (no gating).
  await dialog.getByRole('checkbox', { name: 'Automatic gain control' }).uncheck();
  await dialog.getByRole('slider', { name: 'Input sensitivity' }).fill('-100');
  await ada.waitForTimeout(2000);
  const browser = await listen(bo);
  await suppression(ada, /^Off$/).check();
  await ada.waitForTimeout(2000);
  const off = await listen(bo);

  // Enhanced, switched on during the call: RNNoise now processes what Ada sends.
  await suppression(ada, /^Enhanced/).check();
  await expect(dialog.getByText(/^In use: /)).toHaveText(/In use: Fake/);
  await ada.waitForTimeout(2000);
  const enhanced = await listen(bo);
  console.log(
    `Bo hears Ada (dBFS): off ${JSON.stringify(off)}, browser's own ${JSON.stringify(browser)},`,
    `enhanced ${JSON.stringify(enhanced)}`,
  );
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  // The noise is far quieter at Bo's end (measured: about 44 dB; the browser's own, 18)…
  expect(enhanced.noise).toBeLessThan(off.noise - 20);
  expect(enhanced.noise).toBeLessThan(browser.noise - 10);
  // …and the speech stands well out of what is left (about 60 dB), about as loud as without.
  expect(enhanced.speech).toBeGreaterThan(enhanced.noise + 30);
  expect(enhanced.speech).toBeGreaterThan(off.speech - 6);

  // Voice activity still gates what is sent (the processed track): above every level, nothing.
  await dialog.getByRole('slider', { name: 'Input sensitivity' }).fill('0');
  await ada.waitForTimeout(1000);
  // Nothing sent: even the loudest moment at Bo is far below Ada's speech (the decoder's own
  // floor, about -88 dBFS, is near the suppressed noise, so that is no yardstick).
  const nothingSent = Math.min(off.noise, enhanced.speech - 40);
  const gated = await levelsWithin(bo, 3000);
  expect(percentile(gated, 1)).toBeLessThan(nothingSent);

  // Between the suppressed noise and the speech: the speech opens it (heard after unmuting below).
  await dialog.getByRole('slider', { name: 'Input sensitivity' }).fill('-50');

  // The call stayed up throughout, for both, and Ada's panel warns of nothing (no "silent").
  await ada.keyboard.press('Escape');
  await Promise.all([stillConnected(ada), stillConnected(bo)]);
  const adaPanel = ada.getByRole('region', { name: 'Voice connection' });
  await expect(adaPanel.getByRole('alert')).toHaveCount(0);

  // Muted, nothing reaches Bo, and Ada is told when she talks (her noise alone does not count).
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await ada.waitForTimeout(1000);
  expect(percentile(await levelsWithin(bo, 3000), 1)).toBeLessThan(nothingSent);
  await expect(adaPanel.getByRole('alert')).toHaveText("You're muted: unmute to be heard.", {
    timeout: LOOP_MS,
  });
  await ada.getByRole('button', { name: 'Unmute', exact: true }).first().click();
  expect((await listen(bo)).speech).toBeGreaterThan(enhanced.speech - 6);
});

test('when RNNoise cannot load, the call goes on with the browser suppression and says why (NOISE_SUPPRESSOR_FAILED)', async () => {
  const ada = await personWithMic(speechInNoiseFile());
  // The suppressor's WebAssembly cannot be fetched (as on a server that does not serve it).
  await ada.route(/\/rnnoise[^/]*\.wasm$/, (route) => route.abort());
  await registerThroughUi(ada, unique('ada'));
  await createServerThroughUi(ada, 'Broken Lab');
  await joinGeneral(ada);

  await ada.getByRole('button', { name: 'Voice settings' }).click();
  await suppression(ada, /^Enhanced/).check();
  await expect(dialogOf(ada).getByRole('alert')).toContainText(
    /Enhanced noise suppression could not start \(NOISE_SUPPRESSOR_FAILED: .+\)\. Using your browser's noise suppression instead\./,
    { timeout: 15_000 },
  );
  // The microphone is still open and measured, and the call is up.
  await expect
    .poll(async () =>
      Number(await dialogOf(ada).getByLabel('Microphone level in dB').textContent()),
    )
    .toBeGreaterThan(-80);
  await ada.keyboard.press('Escape');
  await stillConnected(ada);
});
