import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';

test('messages that arrive elsewhere mark the channel unread and open below a "new" divider', async ({
  browser,
}) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  await Promise.all([
    registerThroughUi(alice, unique('alice')),
    registerThroughUi(bob, unique('bob')),
  ]);
  const link = await createServerThroughUi(alice, 'Unread Club');
  await alice.getByRole('textbox', { name: 'Message #general' }).fill('before you came');
  await alice.keyboard.press('Enter');
  await alice.getByRole('button', { name: 'Create channel' }).click();
  await alice.getByRole('textbox', { name: 'Channel name' }).fill('random');
  await alice.getByRole('button', { name: 'Create channel' }).last().click();
  await expect(alice.getByRole('heading', { name: 'random' })).toBeVisible({ timeout: 20_000 });

  await joinThroughInvite(bob, link);
  const box = bob.getByRole('textbox', { name: 'Message #general' });
  await expect(box).toBeVisible({ timeout: 30_000 });
  for (const text of ['first new one', 'second new one']) {
    await box.fill(text);
    await box.press('Enter');
  }

  const general = alice.getByRole('link', { name: /^general \(text channel\), unread/ });
  await expect(general).toBeVisible({ timeout: 20_000 });
  await general.click();
  const messages = alice.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('second new one')).toBeVisible();
  // The divider sits right before Bob's first new message.
  const items = messages.locator(':scope > li');
  const labels = await items.evaluateAll((els) =>
    els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''),
  );
  const divider = labels.indexOf('New messages');
  expect(divider).toBeGreaterThan(0);
  expect(labels[divider + 1]).toMatch(/first new one$/);
  expect(labels.slice(0, divider).some((l) => l.endsWith('before you came'))).toBe(true);
  // Having read them, the channel is no longer unread.
  await expect(alice.getByRole('link', { name: /^general \(text channel\)$/ })).toBeVisible({
    timeout: 20_000,
  });
});
