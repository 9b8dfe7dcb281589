import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';

test('@mentions and #channel links come from autocomplete and reach the other side as links', async ({
  browser,
}) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  const aliceName = unique('alice');
  await Promise.all([registerThroughUi(alice, aliceName), registerThroughUi(bob, unique('bob'))]);
  const link = await createServerThroughUi(alice, 'Mentions');
  await joinThroughInvite(bob, link);
  const box = bob.getByRole('textbox', { name: 'Message #general' });
  await expect(box).toBeVisible({ timeout: 30_000 });

  await box.pressSequentially(`hey @${aliceName.slice(0, 4)}`);
  const suggestions = bob.getByRole('listbox', { name: 'Suggestions' });
  await expect(
    suggestions.getByRole('option', { name: new RegExp(`^@${aliceName}`) }),
  ).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue(`hey @${aliceName} `);
  await box.pressSequentially('see #gen');
  await expect(suggestions.getByRole('option', { name: '#general', exact: true })).toBeVisible();
  await box.press('Tab');
  await box.press('Enter');

  const message = alice
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem', { name: new RegExp(`hey @${aliceName} see #general`) });
  await expect(message).toBeVisible({ timeout: 15_000 });
  await expect(message.getByRole('link', { name: `@${aliceName}` })).toHaveAttribute(
    'href',
    /^https:\/\/matrix\.to\/#\/%40/,
  );
  await expect(message.getByRole('link', { name: '#general' })).toHaveAttribute(
    'href',
    /^https:\/\/matrix\.to\/#\/!/,
  );
});
