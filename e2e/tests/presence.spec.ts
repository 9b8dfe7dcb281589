import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';

test('each sees the other typing, and the status the other sets', async ({ browser }) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  const bobName = unique('bob');
  await Promise.all([registerThroughUi(alice, unique('alice')), registerThroughUi(bob, bobName)]);
  const link = await createServerThroughUi(alice, 'Status Check');
  await joinThroughInvite(bob, link);
  await expect(bob.getByRole('heading', { name: 'general' })).toBeVisible({ timeout: 30_000 });

  // Typing indicator.
  await bob.getByRole('textbox', { name: 'Message #general' }).fill('thinking about it');
  await expect(alice.getByText(`${bobName} is typing…`)).toBeVisible({ timeout: 15_000 });
  await bob.getByRole('textbox', { name: 'Message #general' }).fill('');
  await expect(alice.getByText(`${bobName} is typing…`)).toBeHidden({ timeout: 15_000 });

  // Status: Bob goes Idle, then Do Not Disturb; Alice's member list follows.
  const bobInList = alice
    .getByRole('complementary', { name: 'Members' })
    .getByRole('listitem', { name: new RegExp(`^${bobName},`) });
  await expect(bobInList).toHaveAccessibleName(/, Online$/, { timeout: 20_000 });
  await bob.getByRole('button', { name: /^Status: Online/ }).click();
  await bob.getByRole('menuitemradio', { name: 'Idle' }).click();
  await expect(bob.getByRole('button', { name: /^Status: Idle/ })).toBeVisible();
  await expect(bobInList).toHaveAccessibleName(/, Idle$/, { timeout: 20_000 });
  await bob.getByRole('button', { name: /^Status: Idle/ }).click();
  await bob.getByRole('menuitemradio', { name: 'Do Not Disturb' }).click();
  await expect(bob.getByRole('button', { name: /^Status: Do Not Disturb/ })).toBeVisible();
  await expect(bobInList).toHaveAccessibleName(/, Do Not Disturb$/, { timeout: 20_000 });
});
