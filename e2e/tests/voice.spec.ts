import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  createChannelThroughUi,
  createServerThroughUi,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';
import { signInNewDevice } from '../encryption-helpers';
import { controlLiveKit, e2eStack } from '../stack';
import {
  closeMicBrowsers,
  expectHears,
  expectSilent,
  heard,
  HEARD_DB,
  installHearingProbe,
  peakWithin,
  personWithMic,
  personWithoutDevicePrompt,
  SILENT_DB,
} from '../audio';

// Each person's microphone plays their own pitch, so a listener can tell who they hear.
const PITCH = { ada: 1000, bo: 1500, cy: 2200 } as const;

test.describe.configure({ timeout: 180_000 });

test.afterEach(closeMicBrowsers);

/** The people listed under a voice channel in this page's sidebar. */
const sidebarIn = (page: Page, channel = 'General') =>
  page.getByRole('list', { name: `In ${channel}` }).getByRole('listitem');

const tile = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Participants' }).getByRole('listitem', { name });

test('three people talk in a voice channel; everyone sees who is in it, live', async () => {
  const [ada, bo, cy, dee] = await Promise.all([
    personWithMic(PITCH.ada),
    personWithMic(PITCH.bo),
    personWithMic(PITCH.cy),
    personWithMic(undefined),
  ]);
  const names = { ada: unique('ada'), bo: unique('bo'), cy: unique('cy'), dee: unique('dee') };
  await Promise.all([
    registerThroughUi(ada, names.ada),
    registerThroughUi(bo, names.bo),
    registerThroughUi(cy, names.cy),
    registerThroughUi(dee, names.dee),
  ]);
  const link = await createServerThroughUi(ada, 'Voice Lab');
  await Promise.all([
    joinThroughInvite(bo, link),
    joinThroughInvite(cy, link),
    joinThroughInvite(dee, link),
  ]);

  // One click joins: no lobby.
  for (const page of [ada, bo, cy]) {
    await page.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  }
  for (const page of [ada, bo, cy]) {
    await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
      timeout: 30_000,
    });
  }
  // Everyone, including Dee who did not join, sees all three under the channel.
  for (const page of [ada, bo, cy, dee]) {
    await expect(sidebarIn(page)).toHaveCount(3, { timeout: 20_000 });
    for (const name of [names.ada, names.bo, names.cy])
      await expect(sidebarIn(page).filter({ hasText: name })).toHaveCount(1);
  }

  // Each hears the other two, and not themselves.
  await Promise.all([
    expectHears(ada, PITCH.bo),
    expectHears(ada, PITCH.cy),
    expectHears(bo, PITCH.ada),
    expectHears(bo, PITCH.cy),
    expectHears(cy, PITCH.ada),
    expectHears(cy, PITCH.bo),
  ]);
  expect(await heard(ada, PITCH.ada)).toBeLessThan(SILENT_DB);
  // The voice panel says where you are and how good the link is.
  const adaPanel = ada.getByRole('region', { name: 'Voice connection' });
  await expect(adaPanel.getByRole('link', { name: 'General / Voice Lab' })).toBeVisible();
  await expect(adaPanel.getByText(/^Ping \d+ ms$/)).toBeVisible({ timeout: 10_000 });

  // Ada is speaking (her tone plays): the others see her ring.
  await bo.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(tile(bo, names.ada).locator('[data-speaking="true"]')).toBeVisible({
    timeout: 5_000,
  });

  // Ada mutes: Bo hears silence from her and sees the muted icon, and her ring goes out.
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await expect(tile(bo, names.ada).getByRole('img', { name: 'Muted' })).toBeVisible();
  await expectSilent(bo, PITCH.ada);
  await expect(tile(bo, names.ada).locator('[data-speaking="true"]')).toHaveCount(0, {
    timeout: 5_000,
  });
  await expectHears(bo, PITCH.cy);
  // She unmutes: her ring lights up at Bo within a second.
  await ada.getByRole('button', { name: 'Unmute', exact: true }).first().click();
  await expect(tile(bo, names.ada).locator('[data-speaking="true"]')).toBeVisible({
    timeout: 1_000,
  });
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await expect(tile(bo, names.ada).getByRole('img', { name: 'Muted' })).toBeVisible();

  // Cy deafens: Cy hears nothing, and the others see Cy deafened.
  await cy.keyboard.press('Control+Shift+D');
  await expect(cy.getByRole('button', { name: 'Undeafen' }).first()).toBeVisible();
  await expectSilent(cy, PITCH.bo);
  await expect(tile(bo, names.cy).getByRole('img', { name: 'Deafened' })).toBeVisible();
  await expectSilent(bo, PITCH.cy);

  // Bo leaves: gone from every sidebar within 2 s.
  await bo.getByRole('button', { name: 'Disconnect' }).first().click();
  for (const page of [ada, cy, dee])
    await expect(sidebarIn(page)).toHaveCount(2, { timeout: 2_000 });
  await expect(bo.getByRole('region', { name: 'Voice connection' })).toHaveCount(0);

  // Cy's tab closes without leaving: the delayed leave event removes Cy, at the latest 15 s after
  // its last restart (at once where the token service keeps it: it sees Cy leave the SFU).
  await cy.close();
  await expect(sidebarIn(dee)).toHaveCount(1, { timeout: 25_000 });
  await expect(sidebarIn(dee).filter({ hasText: names.ada })).toHaveCount(1);
});

async function signInThroughUi(page: Page, username: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
}

test('in an encrypted voice channel the media is end-to-end encrypted, and a second device of one person shows as such', async () => {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Private Lab');

  await createChannelThroughUi(ada, 'Secret', { voice: true, encrypted: true });
  const secret = (page: Page) => page.getByRole('link', { name: /^Secret \(voice channel\)/ });
  await joinThroughInvite(bo, link);

  // Bo is in General first; clicking Secret moves Bo there (one call at a time).
  await bo.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(sidebarIn(ada, 'General')).toHaveCount(1, { timeout: 20_000 });
  await secret(ada).click();
  await secret(bo).click();
  await expect(sidebarIn(ada, 'General')).toHaveCount(0, { timeout: 10_000 });
  for (const page of [ada, bo]) {
    const panel = page.getByRole('region', { name: 'Voice connection' });
    await expect(panel.getByRole('status')).toContainText('Voice connected', { timeout: 30_000 });
    await expect(panel.getByRole('img', { name: 'End-to-end encrypted' })).toBeVisible({
      timeout: 20_000,
    });
  }
  // LiveKit reports each side's media encrypted, and audio still flows both ways.
  await expect(
    tile(ada, names.bo).getByRole('img', { name: 'Media end-to-end encrypted' }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(
    tile(bo, names.ada).getByRole('img', { name: 'Media end-to-end encrypted' }),
  ).toBeVisible({ timeout: 20_000 });
  await Promise.all([expectHears(ada, PITCH.bo), expectHears(bo, PITCH.ada)]);

  // Ada joins from a second device: Bo sees two entries for Ada, told apart, both encrypted.
  const adaPhone = await (await ada.context().browser()!.newContext()).newPage();
  await installHearingProbe(adaPhone);
  await adaPhone.goto(e2eStack().urls.web);
  await signInThroughUi(adaPhone, names.ada);
  await adaPhone.getByRole('link', { name: 'Private Lab' }).click();
  await secret(adaPhone).click();
  await expect(sidebarIn(bo, 'Secret')).toHaveCount(3, { timeout: 20_000 });
  await expect(tile(bo, `${names.ada} (device 1)`)).toBeVisible();
  await expect(
    tile(bo, `${names.ada} (device 2)`).getByRole('img', { name: 'Media end-to-end encrypted' }),
  ).toBeVisible({ timeout: 20_000 });
  await expectHears(adaPhone, PITCH.bo);

  // Muting one device shows on that device's tile only.
  await adaPhone.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await expect(
    tile(bo, `${names.ada} (device 2)`).getByRole('img', { name: 'Muted' }),
  ).toBeVisible();
  await expect(tile(bo, `${names.ada} (device 1)`).getByRole('img', { name: 'Muted' })).toHaveCount(
    0,
  );
});

test('when the voice server goes away: "Reconnecting…", recovery by itself, each retry shown, and a clear error with Rejoin', async () => {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Flaky Lab');
  await joinThroughInvite(bo, link);
  const general = (page: Page) => page.getByRole('link', { name: /^General \(voice channel\)/ });
  const phase = (page: Page) =>
    page.getByRole('region', { name: 'Voice connection' }).getByRole('status');
  const rejoin = (page: Page) =>
    page.getByRole('region', { name: 'Voice connection' }).getByRole('button', { name: 'Rejoin' });
  await general(ada).click();
  await general(bo).click();
  await expect(phase(ada)).toContainText('Voice connected', { timeout: 30_000 });
  await expect(phase(bo)).toContainText('Voice connected', { timeout: 30_000 });
  await expectHears(bo, PITCH.ada);

  // The SFU restarts mid-call: both see "Reconnecting…", then get back in by themselves.
  await controlLiveKit('stop');
  try {
    await expect(phase(ada)).toContainText('Reconnecting…', { timeout: 15_000 });
    await expect(phase(bo)).toContainText('Reconnecting…', { timeout: 15_000 });
  } finally {
    await controlLiveKit('start');
  }
  await expect(phase(ada)).toContainText('Voice connected', { timeout: 40_000 });
  await expect(phase(bo)).toContainText('Voice connected', { timeout: 40_000 });
  await Promise.all([expectHears(bo, PITCH.ada), expectHears(ada, PITCH.bo)]);
  await expect(sidebarIn(bo)).toHaveCount(2);

  // With the SFU down, joining says so clearly and offers Rejoin, which works once it is back.
  await bo.getByRole('button', { name: 'Disconnect' }).first().click();
  await controlLiveKit('stop');
  try {
    await general(bo).click();
    const alert = bo.getByRole('region', { name: 'Voice connection' }).getByRole('alert');
    await expect(alert).toContainText('cannot be reached', { timeout: 20_000 });
    await expect(phase(bo)).toContainText('Voice disconnected');
  } finally {
    await controlLiveKit('start');
  }
  await rejoin(bo).click();
  await expect(phase(bo)).toContainText('Voice connected', { timeout: 30_000 });
  await expectHears(bo, PITCH.ada);

  // The SFU stays away: each try is shown with a countdown to the next; after the last, both
  // are told, their memberships go, and Rejoin gets them back once the SFU is.
  await controlLiveKit('stop');
  try {
    await expect(phase(bo)).toContainText(/Reconnecting… \(attempt [2-7] of 7, next in \d+ s\)/, {
      timeout: 60_000,
    });
    for (const page of [ada, bo]) {
      await expect(phase(page)).toContainText('Voice disconnected', { timeout: 90_000 });
      await expect(
        page.getByRole('region', { name: 'Voice connection' }).getByRole('alert'),
      ).toContainText('could not get it back');
    }
    await expect(sidebarIn(ada)).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await controlLiveKit('start');
  }
  await rejoin(ada).click();
  await rejoin(bo).click();
  await expect(phase(ada)).toContainText('Voice connected', { timeout: 30_000 });
  await expect(phase(bo)).toContainText('Voice connected', { timeout: 30_000 });
  await Promise.all([expectHears(bo, PITCH.ada), expectHears(ada, PITCH.bo)]);
  await expect(sidebarIn(ada)).toHaveCount(2, { timeout: 10_000 });
});

test('with the microphone blocked you still join and listen; sound cues, per-person volume and mute for me, on all your devices', async () => {
  const ada = await personWithMic(PITCH.ada);
  // No fake permission prompt: the browser refuses the microphone.
  const bo = await personWithoutDevicePrompt();
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Quiet Lab');
  await joinThroughInvite(bo, link);
  await ada.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await bo.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  const panel = bo.getByRole('region', { name: 'Voice connection' });
  await expect(panel.getByRole('status')).toContainText('Voice connected', { timeout: 30_000 });
  await expect(panel.getByRole('alert')).toContainText('Microphone blocked: you can listen');
  await expect(bo.getByRole('button', { name: 'Unmute' }).first()).toBeVisible();
  await expectHears(bo, PITCH.ada);
  await expect(tile(ada, names.bo).getByRole('img', { name: 'Muted' })).toBeVisible({
    timeout: 10_000,
  });

  // Ada's mute and unmute cues (Ctrl+Shift+M) play at the sound effects volume; at 0% they don't.
  // Both cues hold a 392 Hz note of 80 ms. The page samples what it plays from its main thread,
  // which a busy machine can stall past so short a note, so up to three presses are listened to.
  let cue = -200;
  let presses = 0;
  while (presses < 3 && cue <= HEARD_DB) {
    const listening = peakWithin(ada, 392, 1200);
    await ada.keyboard.press('Control+Shift+M');
    presses += 1;
    cue = await listening;
  }
  expect(cue).toBeGreaterThan(HEARD_DB);
  if (presses % 2 === 0) await ada.keyboard.press('Control+Shift+M');
  await expect(ada.getByRole('button', { name: 'Unmute' }).first()).toBeVisible();
  await ada.getByRole('button', { name: 'User settings' }).click();
  await ada.getByRole('slider', { name: 'Sound effects volume' }).fill('0');
  await ada.keyboard.press('Escape');
  const silentCue = peakWithin(ada, 392, 1200);
  await ada.keyboard.press('Control+Shift+M');
  expect(await silentCue).toBeLessThan(SILENT_DB);
  await expect(ada.getByRole('button', { name: 'Mute', exact: true }).first()).toBeVisible();

  // Bo's own controls for Ada (right click on her tile): "Mute for me" silences her for Bo only.
  await tile(bo, names.ada).click({ button: 'right' });
  const menu = bo.getByRole('dialog', { name: `Options for ${names.ada}` });
  await menu.getByRole('checkbox', { name: 'Mute for me' }).check();
  await expectSilent(bo, PITCH.ada);
  await expect(tile(bo, names.ada).getByRole('img', { name: 'Muted for you' })).toBeVisible();
  await menu.getByRole('checkbox', { name: 'Mute for me' }).uncheck();
  await expectHears(bo, PITCH.ada);

  // Her volume at 200% is louder for Bo (about +6 dB), and remembered after a reload.
  const level = async () => {
    let sum = 0;
    for (let i = 0; i < 8; i++) {
      sum += await heard(bo, PITCH.ada);
      await bo.waitForTimeout(100);
    }
    return sum / 8;
  };
  const at100 = await level();
  await menu.getByRole('slider', { name: `Volume for ${names.ada}` }).fill('200');
  await expect(menu.getByRole('slider', { name: `Volume for ${names.ada}` })).toHaveValue('200');
  await bo.waitForTimeout(500);
  expect(await level()).toBeGreaterThan(at100 + 3);
  await bo.reload();
  await expect(bo.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 30_000 });
  await bo.getByRole('link', { name: 'Quiet Lab' }).click();
  await sidebarIn(bo).filter({ hasText: names.ada }).click({ button: 'right' });
  const optionsFor = (page: Page) => page.getByRole('dialog', { name: `Options for ${names.ada}` });
  await expect(optionsFor(bo).getByRole('slider', { name: `Volume for ${names.ada}` })).toHaveValue(
    '200',
  );

  // They live in Bo's Matrix account data, so they follow him to another device, both ways.
  const boElsewhere = await signInNewDevice(bo.context().browser()!, names.bo);
  await boElsewhere.getByRole('link', { name: 'Quiet Lab' }).click();
  await sidebarIn(boElsewhere).filter({ hasText: names.ada }).click({ button: 'right' });
  await expect(
    optionsFor(boElsewhere).getByRole('slider', { name: `Volume for ${names.ada}` }),
  ).toHaveValue('200', { timeout: 15_000 });
  await optionsFor(boElsewhere).getByRole('checkbox', { name: 'Mute for me' }).check();
  await expect(optionsFor(bo).getByRole('checkbox', { name: 'Mute for me' })).toBeChecked({
    timeout: 15_000,
  });
});
