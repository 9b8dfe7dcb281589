import { type Locator, type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import { e2eStack } from '../stack';
import { closeMicBrowsers, expectHears, personWithMic } from '../audio';

const PITCH = { ada: 1000, bo: 1500 } as const;
/** What LiveKit reports on a healthy loopback connection (never "lost" or "unknown"). */
const HEALTHY = /^Connection: (excellent|good|poor)$/;

test.describe.configure({ timeout: 180_000 });

test.afterEach(closeMicBrowsers);

const panelOf = (page: Page) => page.getByRole('region', { name: 'Voice connection' });
const sidebarRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'In General' }).getByRole('listitem', { name });
const tile = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Participants' }).getByRole('listitem', { name });

/** The value shown for one figure of the Connection info dialog. */
const figure = (dialog: Locator, name: string) =>
  dialog
    .getByRole('row')
    .filter({ has: dialog.page().getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell');

test('everyone sees the connection quality of each person in the call, and Connection info shows live figures', async () => {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Signal Lab');
  await joinThroughInvite(bo, link);
  for (const page of [ada, bo]) {
    await page.getByRole('link', { name: /^General \(voice channel\)/ }).click();
    await expect(panelOf(page).getByRole('status')).toContainText('Voice connected', {
      timeout: 30_000,
    });
  }
  await Promise.all([expectHears(bo, PITCH.ada), expectHears(ada, PITCH.bo)]);

  // Each sees a quality for themselves (voice panel, own row and tile) and for the other.
  for (const page of [ada, bo]) {
    await expect(panelOf(page).getByRole('img', { name: HEALTHY })).toBeVisible({
      timeout: 30_000,
    });
    for (const name of [names.ada, names.bo]) {
      await expect(sidebarRow(page, name).getByRole('img', { name: HEALTHY })).toBeVisible({
        timeout: 30_000,
      });
      await expect(tile(page, name).getByRole('img', { name: HEALTHY })).toBeVisible();
    }
  }

  // Connection info: ping, loss, bitrates both ways, the codec and the test stack's SFU.
  await panelOf(ada).getByRole('button', { name: 'Connection info' }).click();
  const dialog = ada.getByRole('dialog', { name: 'Connection info' });
  await expect(dialog).toBeVisible();
  await expect(figure(dialog, 'Ping')).toHaveText(/^\d+ ms$/, { timeout: 10_000 });
  await expect(figure(dialog, 'Packet loss received')).toHaveText(/^\d+\.\d %$/);
  await expect(figure(dialog, 'Packet loss sent')).toHaveText(/^\d+\.\d %$/, {
    timeout: 15_000,
  });
  await expect(figure(dialog, 'Bitrate up')).toHaveText(/^[1-9]\d* kbps$/);
  await expect(figure(dialog, 'Bitrate down')).toHaveText(/^[1-9]\d* kbps$/);
  await expect(figure(dialog, 'Audio codec')).toHaveText('opus');
  const sfu = e2eStack().urls.livekit.replace(/\/$/, '');
  await expect(figure(dialog, 'Voice server')).toHaveText(sfu);
  await expect(figure(dialog, 'Region')).not.toHaveText('measuring…');
  await expect(dialog).not.toContainText(/token|jwt/i);

  // Closing it (Escape) takes it away; reading stops with it (unit-tested in the monitor).
  await ada.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panelOf(ada).getByRole('button', { name: 'Connection info' })).toBeFocused();
});
