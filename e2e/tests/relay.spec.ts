import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import { closeMicBrowsers, expectHears, personWithMic } from '../audio';
import { recordPeerConnections, selectedCandidates } from '../deploy/ui';

const PITCH = { ada: 1000, bo: 1500 } as const;
test.describe.configure({ timeout: 240_000 });
test.afterEach(closeMicBrowsers);

async function relayOnly(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Voice settings' }).first().click();
  await page.getByRole('checkbox', { name: 'Always relay calls through the server' }).check();
  await page.keyboard.press('Escape');
}

async function joinGeneral(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
    timeout: 45_000,
  });
}

test('relay-only: two people hear each other through the SFU’s TURN relay', async () => {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  for (const p of [ada, bo]) {
    await recordPeerConnections(p);
    await p.reload();
  }
  await registerThroughUi(ada, unique('ada'));
  await registerThroughUi(bo, unique('bo'));
  const link = await createServerThroughUi(ada, 'Relay');
  await joinThroughInvite(bo, link);
  for (const p of [ada, bo]) {
    await joinGeneral(p);
    await relayOnly(p);
    await p.getByRole('button', { name: 'Disconnect' }).first().click();
    await expect(p.getByRole('status').filter({ hasText: 'Voice connected' })).toHaveCount(0);
    await joinGeneral(p);
  }
  await Promise.all([expectHears(ada, PITCH.bo, 45_000), expectHears(bo, PITCH.ada, 45_000)]);
  for (const page of [ada, bo]) {
    const selected = await selectedCandidates(page);
    expect(selected.length).toBeGreaterThan(0);
    for (const c of selected) expect(c.candidateType).toBe('relay');
  }
});
