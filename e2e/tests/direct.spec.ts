import { expect, test } from '../fixtures';
import { openApp, registerThroughUi, unique, startDirectThroughUi } from '../helpers';

test('two people DM each other, end-to-end encrypted', async ({ browser }) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  const bobName = unique('bob');
  await Promise.all([registerThroughUi(alice, unique('alice')), registerThroughUi(bob, bobName)]);

  await startDirectThroughUi(alice, bobName);

  await bob.getByRole('link', { name: 'Home' }).click();
  const invite = bob.getByRole('listitem', { name: /^Invite to / });
  await expect(invite).toBeVisible({ timeout: 15_000 });
  await invite.getByRole('button', { name: 'Accept' }).click();
  await expect(bob.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 15_000 });

  const aliceBox = alice.getByRole('textbox', { name: /^Message / });
  await aliceBox.fill('secret hello');
  await aliceBox.press('Enter');
  await expect(bob.getByRole('list', { name: 'Messages' }).getByText('secret hello')).toBeVisible({
    timeout: 20_000,
  });

  const bobBox = bob.getByRole('textbox', { name: /^Message / });
  await bobBox.fill('secret reply');
  await bobBox.press('Enter');
  await expect(alice.getByRole('list', { name: 'Messages' }).getByText('secret reply')).toBeVisible(
    { timeout: 20_000 },
  );
  // Bob's client lists the room as a DM (m.direct), under Home.
  await expect(bob.getByRole('link', { name: /\(direct message\)/ })).toBeVisible();
});

test('a message typed while offline is sent when the connection returns', async ({ browser }) => {
  const page = await openApp(browser);
  await registerThroughUi(page, unique('olga'));
  await page.getByRole('button', { name: 'Create a server' }).click();
  await page.getByRole('textbox', { name: 'Server name' }).fill('Offline Club');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Message #general' });
  await expect(box).toBeVisible({ timeout: 30_000 });

  await page.context().setOffline(true);
  await box.fill('typed on the train');
  await box.press('Enter');
  const message = page.getByRole('listitem', { name: /typed on the train/ });
  await expect(message).toBeVisible();
  await expect(message).not.toHaveAttribute('data-status', 'sent');

  await page.context().setOffline(false);
  await expect(message).toHaveAttribute('data-status', 'sent', { timeout: 30_000 });
  // It really reached the homeserver: a fresh page load shows it from the server.
  await page.reload();
  await expect(
    page.getByRole('list', { name: 'Messages' }).getByText('typed on the train'),
  ).toBeVisible({ timeout: 30_000 });
});
