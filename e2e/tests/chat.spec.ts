import { expect, test } from '@playwright/test';
import { createServerThroughUi, openApp, registerThroughUi, unique } from '../helpers';

test('two people: one creates a server and invites, the other joins by link, and they chat', async ({
  browser,
}) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  await Promise.all([
    registerThroughUi(alice, unique('alice')),
    registerThroughUi(bob, unique('bob')),
  ]);

  const link = await createServerThroughUi(alice, 'Night Owls');
  // The new server has #general and a General voice channel.
  await expect(alice.getByRole('link', { name: 'general (text channel)' })).toBeVisible();
  await expect(alice.getByRole('link', { name: 'General (voice channel)' })).toBeVisible();

  await bob.goto(link);
  await bob.getByRole('button', { name: 'Accept invite' }).click();
  await expect(bob.getByRole('heading', { name: 'general' })).toBeVisible({ timeout: 30_000 });
  await expect(bob.getByRole('link', { name: 'Night Owls' })).toBeVisible();

  await alice.getByRole('textbox', { name: 'Message #general' }).fill('Hello **Bob**!');
  await alice.keyboard.press('Enter');
  const bobMessages = bob.getByRole('list', { name: 'Messages' });
  await expect(bobMessages.getByText('Hello Bob!')).toBeVisible({ timeout: 15_000 });
  await expect(bobMessages.locator('strong', { hasText: 'Bob' })).toBeVisible();

  await bob.getByRole('textbox', { name: 'Message #general' }).fill('Hi Alice');
  await bob.keyboard.press('Enter');
  await expect(alice.getByRole('list', { name: 'Messages' }).getByText('Hi Alice')).toBeVisible({
    timeout: 15_000,
  });

  // Both see both in the member list.
  await expect(
    alice.getByRole('complementary', { name: 'Members' }).getByRole('listitem'),
  ).toHaveCount(2);
});
