import { rmSync, writeFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
  startDirectThroughUi,
} from '../helpers';

const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function imageLoaded(page: Page, name: string): Promise<number> {
  const image = page.getByRole('list', { name: 'Messages' }).getByRole('img', { name });
  await expect(image).toBeVisible({ timeout: 20_000 });
  await expect(image).toHaveAttribute('src', /^blob:/);
  return image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
}

test('images and files: uploaded, shown to others through authenticated media, also encrypted; oversize gets a clear error', async ({
  browser,
}) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  const bobName = unique('bob');
  await Promise.all([registerThroughUi(alice, unique('alice')), registerThroughUi(bob, bobName)]);
  const link = await createServerThroughUi(alice, 'Photo Club');
  await joinThroughInvite(bob, link);
  await expect(bob.getByRole('heading', { name: 'general' })).toBeVisible({ timeout: 30_000 });

  await alice
    .getByLabel('Upload a file')
    .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG_1x1 });
  await expect.poll(() => imageLoaded(bob, 'dot.png'), { timeout: 20_000 }).toBe(1);

  await alice.getByLabel('Upload a file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('meeting notes'),
  });
  const download = bob.getByRole('button', { name: 'Download notes.txt' });
  await expect(download).toBeVisible({ timeout: 20_000 });
  const [file] = await Promise.all([bob.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toBe('notes.txt');

  // Too large for the homeserver (50 MB in the local stack): refused before uploading, clearly.
  const huge = test.info().outputPath('huge.bin');
  writeFileSync(huge, Buffer.alloc(51 * 1024 * 1024));
  await alice.getByLabel('Upload a file').setInputFiles(huge);
  await expect(alice.getByRole('alert')).toContainText(
    'huge.bin is 51 MB; this homeserver accepts files up to 50 MB.',
  );
  rmSync(huge);

  // In an encrypted DM the file is encrypted before upload and decrypted for Bob.
  await startDirectThroughUi(alice, bobName);
  await bob.getByRole('link', { name: 'Home' }).click();
  await bob
    .getByRole('listitem', { name: /^Invite to / })
    .getByRole('button', { name: 'Accept' })
    .click();
  await expect(bob.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 15_000 });
  await alice
    .getByLabel('Upload a file')
    .setInputFiles({ name: 'secret.png', mimeType: 'image/png', buffer: PNG_1x1 });
  await expect.poll(() => imageLoaded(bob, 'secret.png'), { timeout: 30_000 }).toBe(1);
});
