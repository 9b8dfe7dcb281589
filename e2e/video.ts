import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Checks that a video element really plays: it has a picture of real size, and the count of
 * decoded frames keeps growing at the receiver.
 */
export async function expectPlaying(video: Locator, timeout = 30_000): Promise<void> {
  await expect(video).toBeVisible({ timeout });
  await expect
    .poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth * v.videoHeight), {
      timeout,
    })
    .toBeGreaterThan(0);
  const frames = () =>
    video.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
  const before = await frames();
  await expect.poll(frames, { timeout }).toBeGreaterThan(before + 5);
}

/** The video size a receiver decodes now ([width, height]). */
export function videoSize(video: Locator): Promise<[number, number]> {
  return video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
}

/** The tiles of the call view (the grid, or the strip under a spotlight). */
export const tiles = (page: Page) =>
  page.getByRole('list', { name: 'Participants' }).getByRole('listitem');

export const tile = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Participants' }).getByRole('listitem', { name, exact: true });

/** Someone else's camera picture, wherever it is shown. */
export const videoOf = (page: Page, name: string) =>
  page.getByLabel(`Video of ${name}`, { exact: true });

/** Width of the first tile in the grid, in CSS pixels. */
export const tileWidth = (page: Page) =>
  tiles(page)
    .first()
    .evaluate((li) => li.getBoundingClientRect().width);

/** Turns the camera on through the preview (which must show the camera playing first). */
export async function turnOnCamera(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Turn on camera' }).click();
  const dialog = page.getByRole('dialog', { name: 'Camera preview' });
  await expectPlaying(dialog.getByLabel('Camera preview'));
  await dialog.getByRole('button', { name: 'Turn on camera' }).click();
  await expect(page.getByRole('button', { name: 'Turn off camera' })).toBeVisible({
    timeout: 20_000,
  });
}

/** Joins the voice channel General by clicking it, and waits until connected. */
export async function joinGeneral(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
    timeout: 30_000,
  });
}

declare global {
  interface Window {
    documentPictureInPicture?: { window: Window | null };
  }
}
