import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { hide, notes, RECORDER } from '../desktop-notes';
import {
  createServerThroughUi,
  joinThroughInvite,
  openApp,
  registerThroughUi,
  startDirectThroughUi,
  unique,
} from '../helpers';

async function say(page: Page, box: string | RegExp, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: box });
  await input.fill(text);
  await input.press('Enter');
  await expect(page.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible({
    timeout: 15_000,
  });
}

test('a mention or a DM while the tab is hidden brings a desktop notification; nothing else does', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const alice = await openApp(browser);
  await alice.context().addInitScript({ content: RECORDER });
  await alice.reload();
  const bob = await openApp(browser);
  const aliceName = unique('alice');
  const bobName = unique('bob');
  await Promise.all([registerThroughUi(alice, aliceName), registerThroughUi(bob, bobName)]);

  // Permission is asked for when Alice chooses to, from Home, not on load.
  await alice.getByRole('link', { name: 'Home' }).click();
  const enable = alice.getByRole('button', { name: 'Enable notifications' });
  await expect(enable).toBeVisible();
  await alice.context().grantPermissions(['notifications']);
  await enable.click();
  await expect(enable).toHaveCount(0);

  const link = await createServerThroughUi(alice, 'Pings');
  await joinThroughInvite(bob, link);
  await startDirectThroughUi(bob, aliceName);
  await alice.getByRole('link', { name: 'Home' }).click();
  const invite = alice.getByRole('listitem', { name: /^Invite to / });
  await invite.getByRole('button', { name: 'Accept' }).click({ timeout: 20_000 });
  await expect(alice.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 15_000 });
  await alice.getByRole('link', { name: /^Pings/ }).click();

  await hide(alice, true);
  await bob.getByRole('link', { name: /^Pings/ }).click();
  await bob.getByRole('link', { name: /^general \(text channel\)/ }).click();
  await say(bob, 'Message #general', 'just chatting, no ping');
  await say(bob, 'Message #general', `hey @${aliceName} look at this`);
  await expect.poll(() => notes(alice), { timeout: 15_000 }).toHaveLength(1);
  const [mention] = await notes(alice);
  expect(mention!.title).toBe(`${bobName} in general`);
  expect(mention!.body).toBe(`hey @${aliceName} look at this`);

  // The DM is end-to-end encrypted: the notification carries the decrypted text.
  await bob.getByRole('link', { name: 'Home' }).click();
  await bob.getByRole('link', { name: /\(direct message\)/ }).click();
  await say(bob, /^Message /, 'psst, a secret');
  await expect.poll(() => notes(alice), { timeout: 15_000 }).toHaveLength(2);
  expect((await notes(alice))[1]).toEqual({ title: bobName, body: 'psst, a secret' });

  // Looking at HAOS (the conversation open, the tab shown): no desktop notification.
  await alice.getByRole('link', { name: 'Home' }).click();
  await alice.getByRole('link', { name: /\(direct message\)/ }).click();
  await hide(alice, false);
  await say(bob, /^Message /, 'are you there?');
  await expect(
    alice.getByRole('list', { name: 'Messages' }).getByText('are you there?'),
  ).toBeVisible({ timeout: 15_000 });
  expect(await notes(alice)).toHaveLength(2);
});
