import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';

test('two people: one creates a server and invites, the other joins by link, and they chat', async ({
  browser,
}) => {
  const alice = await openApp(browser);
  const bob = await openApp(browser);
  const bobName = unique('bob');
  await Promise.all([registerThroughUi(alice, unique('alice')), registerThroughUi(bob, bobName)]);

  const link = await createServerThroughUi(alice, 'Night Owls');
  // The new server has #general and a General voice channel.
  await expect(alice.getByRole('link', { name: 'general (text channel)' })).toBeVisible();
  await expect(alice.getByRole('link', { name: 'General (voice channel)' })).toBeVisible();

  await joinThroughInvite(bob, link);
  await expect(bob.getByRole('heading', { name: 'general' })).toBeVisible({ timeout: 30_000 });
  await expect(bob.getByRole('link', { name: 'Night Owls' })).toBeVisible();

  await alice.getByRole('textbox', { name: 'Message #general' }).fill('Hello **Bob**!');
  await alice.keyboard.press('Enter');
  const bobMessages = bob.getByRole('list', { name: 'Messages' });
  await expect(bobMessages.getByText('Hello Bob!')).toBeVisible({ timeout: 15_000 });
  await expect(bobMessages.locator('strong', { hasText: 'Bob' })).toBeVisible();
  // Bob has read it: Alice sees his read receipt under her message.
  await expect(
    alice
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem', { name: /Hello \*\*Bob\*\*!$/ })
      .getByText(`Seen by ${bobName}`),
  ).toBeVisible({ timeout: 15_000 });

  await bob.getByRole('textbox', { name: 'Message #general' }).fill('Hi Alice');
  await bob.keyboard.press('Enter');
  await expect(alice.getByRole('list', { name: 'Messages' }).getByText('Hi Alice')).toBeVisible({
    timeout: 15_000,
  });

  // Both see both in the member list.
  await expect(
    alice.getByRole('complementary', { name: 'Members' }).getByRole('listitem'),
  ).toHaveCount(2);

  // Reply, edit, react, delete — each seen by the other person.
  const bobView = bob.getByRole('list', { name: 'Messages' });
  const aliceView = alice.getByRole('list', { name: 'Messages' });
  const hello = bobView.getByRole('listitem', { name: /Hello \*\*Bob\*\*!/ });
  await hello.hover();
  await hello.getByRole('button', { name: 'Reply' }).click();
  await bob.getByRole('textbox', { name: 'Message #general' }).fill('replying to you');
  await bob.keyboard.press('Enter');
  const reply = aliceView.getByRole('listitem', { name: /replying to you/ });
  await expect(reply.getByLabel(/^Replying to alice/)).toBeVisible({ timeout: 15_000 });

  const mine = aliceView.getByRole('listitem', { name: /Hello \*\*Bob\*\*!/ });
  await mine.hover();
  await mine.getByRole('button', { name: 'Edit' }).click();
  const editBox = alice.getByRole('textbox', { name: 'Edit message' });
  await expect(editBox).toHaveValue('Hello **Bob**!');
  await editBox.fill('Hello again, Bob');
  await editBox.press('Enter');
  const edited = bobView.getByRole('listitem', { name: /Hello again, Bob/ });
  await expect(edited).toBeVisible({ timeout: 15_000 });
  await expect(edited.getByText('(edited)')).toBeVisible();
  await edited.hover();
  await edited.getByRole('button', { name: 'React with 👍' }).click();
  await expect(aliceView.getByRole('button', { name: '👍 1, react' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(bobView.getByRole('button', { name: '👍 1, remove your reaction' })).toBeVisible();

  alice.once('dialog', (dialog) => void dialog.accept());
  const toDelete = aliceView.getByRole('listitem', { name: /Hello again, Bob/ });
  await toDelete.hover();
  await toDelete.getByRole('button', { name: 'Delete' }).click();
  await expect(bobView.getByText('Message deleted').first()).toBeVisible({ timeout: 15_000 });
  await expect(bobView.getByRole('listitem', { name: /Hello again, Bob/ })).toHaveCount(0);
});
