import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  createChannelThroughUi,
  createServerThroughUi,
  joinThroughInvite,
  registerThroughUi,
  unique,
} from '../helpers';
import { closeMicBrowsers, heard, HEARD_DB, personWithMic, SILENT_DB } from '../audio';
import { expectPlaying, joinGeneral, tiles, turnOnCamera, videoOf, videoSize } from '../video';

test.describe.configure({ timeout: 240_000 });

// Headless Chromium with fake devices shares a synthetic 1280×720 "screen" without a picker,
// and gives the share the fake capture sound: the sharer's tone file (the sharer mutes their
// microphone, so what the viewer hears of that pitch can only come through the share).
const SHARE_PITCH = 3000;

test.afterEach(closeMicBrowsers);

const shareRegion = (page: Page, name: string) =>
  page.getByRole('region', { name: `${name}'s screen` });

test('a screen share with sound: seen large and heard by the viewer, volume and full screen, several shares, stop and browser-ended shares end for everyone', async () => {
  const [ada, bo] = await Promise.all([personWithMic(SHARE_PITCH), personWithMic()]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Share Lab');
  await joinThroughInvite(bo, link);
  await joinGeneral(ada);
  await joinGeneral(bo);
  await expect(tiles(bo)).toHaveCount(2, { timeout: 20_000 });
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await expect.poll(() => heard(bo, SHARE_PITCH), { timeout: 10_000 }).toBeLessThan(SILENT_DB);

  await ada.getByRole('button', { name: 'Share your screen' }).click();
  await expect(ada.getByRole('status').filter({ hasText: 'You are sharing' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(ada.getByRole('button', { name: 'Stop sharing' })).toBeVisible();

  // Bo sees the share large (frames arriving at full size), the participants in a strip below,
  // and hears the share's sound.
  const share = shareRegion(bo, names.ada);
  await expect(share).toBeVisible({ timeout: 20_000 });
  const picture = share.getByLabel(`Screen of ${names.ada}`);
  await expectPlaying(picture);
  const [width, height] = await videoSize(picture);
  expect(width).toBeGreaterThanOrEqual(640);
  expect(height).toBeGreaterThanOrEqual(360);
  await expect(tiles(bo)).toHaveCount(2);
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 20_000, intervals: [250] })
    .toBeGreaterThan(HEARD_DB);

  // The share's volume: down to 0 silences it, back up and it is heard again.
  const volume = share.getByRole('slider', { name: `Volume of ${names.ada}'s screen` });
  await volume.fill('0');
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 10_000, intervals: [250] })
    .toBeLessThan(SILENT_DB);
  await volume.fill('100');
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 10_000, intervals: [250] })
    .toBeGreaterThan(HEARD_DB);

  // Full screen and back.
  await share.getByRole('button', { name: 'Full screen' }).click();
  await expect
    .poll(() => bo.evaluate(() => document.fullscreenElement?.getAttribute('aria-label')))
    .toBe(`${names.ada}'s screen`);
  await share.getByRole('button', { name: 'Exit full screen' }).click();
  await expect.poll(() => bo.evaluate(() => document.fullscreenElement)).toBeNull();

  // Bo shares too: both can switch between the two shares.
  await bo.getByRole('button', { name: 'Share your screen' }).click();
  await expect(bo.getByRole('status').filter({ hasText: 'You are sharing' })).toBeVisible({
    timeout: 20_000,
  });
  const shares = ada.getByRole('group', { name: 'Shares' });
  await expect(shares.getByRole('button')).toHaveCount(2, { timeout: 20_000 });
  await shares.getByRole('button', { name: `${names.bo}'s screen` }).click();
  await expectPlaying(shareRegion(ada, names.bo).getByLabel(`Screen of ${names.bo}`));
  await bo.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(shareRegion(ada, names.bo)).toHaveCount(0, { timeout: 10_000 });
  await expect(shares).toHaveCount(0);

  // Ada stops: the share is gone for Bo, and so is its sound; the grid is back.
  await ada.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(share).toHaveCount(0, { timeout: 10_000 });
  await expect(bo.getByRole('list', { name: 'Participants' })).toHaveAttribute('data-columns');
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 10_000, intervals: [250] })
    .toBeLessThan(SILENT_DB);
  await expect(ada.getByRole('button', { name: 'Share your screen' })).toBeVisible();

  // Ada shares again, and the browser ends the share (as its own "Stop sharing" bar does: the
  // captured track ends). It ends cleanly for both.
  await ada.getByRole('button', { name: 'Share your screen' }).click();
  await expect(shareRegion(bo, names.ada)).toBeVisible({ timeout: 20_000 });
  await ada.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[data-source="screen"]');
    const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
    if (!track) throw new Error('no shared track on the page');
    track.stop();
    track.dispatchEvent(new Event('ended'));
  });
  await expect(shareRegion(bo, names.ada)).toHaveCount(0, { timeout: 10_000 });
  await expect(ada.getByRole('status').filter({ hasText: 'You are sharing' })).toHaveCount(0);
  await expect(ada.getByRole('button', { name: 'Share your screen' })).toBeVisible();
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 10_000, intervals: [250] })
    .toBeLessThan(SILENT_DB);
});

test('in an encrypted voice channel, camera video and screen share are end-to-end encrypted and play', async () => {
  const [ada, bo] = await Promise.all([personWithMic(SHARE_PITCH), personWithMic()]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Secret Video Lab');
  await createChannelThroughUi(ada, 'Secret', { voice: true, encrypted: true });
  const secret = (page: Page) => page.getByRole('link', { name: /^Secret \(voice channel\)/ });
  await joinThroughInvite(bo, link);
  await secret(ada).click();
  await secret(bo).click();
  for (const page of [ada, bo]) {
    const panel = page.getByRole('region', { name: 'Voice connection' });
    await expect(panel.getByRole('status')).toContainText('Voice connected', { timeout: 30_000 });
    await expect(panel.getByRole('img', { name: 'End-to-end encrypted' })).toBeVisible({
      timeout: 20_000,
    });
  }
  await turnOnCamera(ada);
  await ada.getByRole('button', { name: 'Mute', exact: true }).first().click();
  await ada.getByRole('button', { name: 'Share your screen' }).click();

  // Bo receives Ada's camera and screen, decrypted, and LiveKit reports her media encrypted.
  const adaTile = bo.getByRole('listitem', { name: names.ada, exact: true });
  await expect(adaTile.getByRole('img', { name: 'Media end-to-end encrypted' })).toBeVisible({
    timeout: 20_000,
  });
  await expectPlaying(videoOf(bo, names.ada));
  await expectPlaying(shareRegion(bo, names.ada).getByLabel(`Screen of ${names.ada}`));
  await expect
    .poll(() => heard(bo, SHARE_PITCH), { timeout: 20_000, intervals: [250] })
    .toBeGreaterThan(HEARD_DB);
  // Both pictures were decoded at real sizes after decryption.
  const [camera, screen] = await Promise.all([
    videoSize(videoOf(bo, names.ada)),
    videoSize(shareRegion(bo, names.ada).getByLabel(`Screen of ${names.ada}`)),
  ]);
  expect(camera[0]).toBeGreaterThan(0);
  expect(screen[0]).toBeGreaterThan(0);
});
