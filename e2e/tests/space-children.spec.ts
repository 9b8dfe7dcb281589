import { expect, test } from '../fixtures';
import { createRoom, matrixRequest, type TestUser } from '@haos/stack';
import { loginUser, roomNamed } from '../hostile';
import { createServerThroughUi, joinThroughInvite, openApp, registerEach } from '../helpers';
import { e2eStack } from '../stack';

const PASSWORD = 'correct horse battery';

async function addChild(hs: string, user: TestUser, spaceId: string, childId: string) {
  await matrixRequest(
    hs,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(spaceId)}/state/m.space.child/${encodeURIComponent(childId)}`,
    { via: [e2eStack().serverName] },
  );
}

async function joinedMembers(hs: string, user: TestUser, roomId: string): Promise<string[]> {
  const { joined } = await matrixRequest<{ joined: Record<string, unknown> }>(
    hs,
    user,
    'GET',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/joined_members`,
  );
  return Object.keys(joined);
}

test("a room a moderator lists in a server is not joined silently: only the server's own channels are; others wait for a click", async ({
  browser,
}) => {
  const hs = e2eStack().urls.synapse;
  const alicePage = await openApp(browser);
  const bob = await openApp(browser);
  const names = await registerEach({ alice: alicePage, bob });
  const link = await createServerThroughUi(alicePage, 'Hobby Club');
  await joinThroughInvite(bob, link);
  const alice = await loginUser(hs, names.alice, PASSWORD);
  const spaceId = await roomNamed(hs, alice, 'Hobby Club');
  const bobId = `@${names.bob}:${e2eStack().serverName}`;

  // An unrelated public room, listed by a moderator (the owner here) as a child of the server.
  const unrelated = await createRoom(hs, alice, {
    preset: 'public_chat',
    name: 'Crypto giveaway',
  });
  await addChild(hs, alice, spaceId, unrelated);
  // A public room that names the server as its parent, set by someone with power in the server.
  const owned = await createRoom(hs, alice, {
    preset: 'public_chat',
    name: 'Book club',
    initial_state: [
      {
        type: 'm.space.parent',
        state_key: spaceId,
        content: { via: [e2eStack().serverName], canonical: true },
      },
      { type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } },
    ],
  });
  await addChild(hs, alice, spaceId, owned);

  const sidebar = bob.getByRole('complementary', { name: 'Channels' });
  // The server's own room is joined and listed…
  await expect(sidebar.getByRole('link', { name: 'Book club (text channel)' })).toBeVisible({
    timeout: 30_000,
  });
  // …the other is offered, and Bob is not in it.
  const offered = sidebar.getByRole('region', { name: 'Other rooms listed by this server' });
  await expect(offered.getByRole('button', { name: 'Join Crypto giveaway' })).toBeVisible({
    timeout: 30_000,
  });
  expect(await joinedMembers(hs, alice, owned)).toContain(bobId);
  expect(await joinedMembers(hs, alice, unrelated)).not.toContain(bobId);

  // With a click, he joins it, and it is listed like a channel.
  await offered.getByRole('button', { name: 'Join Crypto giveaway' }).click();
  await expect(sidebar.getByRole('link', { name: 'Crypto giveaway (text channel)' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(offered).toHaveCount(0);
  expect(await joinedMembers(hs, alice, unrelated)).toContain(bobId);
});
