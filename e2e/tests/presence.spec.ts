import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
  registerEach,
  startDirectThroughUi,
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

test('who is in voice: the member list and server rail from the call; a DM contact learns where only if you share it with everyone', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [ada, bo, cy] = await Promise.all([openApp(browser), openApp(browser), openApp(browser)]);
  const names = await registerEach({ ada, bo, cy });
  const link = await createServerThroughUi(ada, 'Hangout');
  await joinThroughInvite(bo, link);
  // Cy shares no server with Ada, only a DM: all he can learn is her presence.
  await startDirectThroughUi(ada, names.cy);
  await cy.getByRole('link', { name: 'Home' }).click();
  const invite = cy.getByRole('listitem', { name: /^Invite to / });
  await invite.getByRole('button', { name: 'Accept' }).click({ timeout: 20_000 });
  const adaForCy = cy.getByRole('link', { name: /\(direct message\)/ });
  await expect(adaForCy).toBeVisible({ timeout: 20_000 });

  // Ada joins General (no microphone permission here: she joins to listen, which is enough).
  await ada.getByRole('link', { name: 'Hangout' }).click();
  await ada.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(
    ada.getByRole('region', { name: 'Voice connection' }).getByRole('status'),
  ).toContainText('Voice connected', { timeout: 30_000 });

  const adaForBo = bo
    .getByRole('complementary', { name: 'Members' })
    .getByRole('listitem', { name: new RegExp(`^${names.ada},`) });
  await expect(adaForBo).toHaveAccessibleName(/, In voice: General$/, { timeout: 15_000 });
  await expect(bo.getByRole('link', { name: 'Hangout, 1 in voice' })).toBeVisible();
  await expect(ada.getByRole('link', { name: 'Hangout, 1 in voice including you' })).toBeVisible();
  // By default ("people in the same server") her status tells Cy she is in voice, not where.
  await expect(adaForCy).toHaveAccessibleName(/\(direct message\), In voice(,|$)/, {
    timeout: 20_000,
  });
  await expect(adaForCy).not.toHaveAccessibleName(/General/);

  // She chooses to share it with everyone: now Cy sees the channel.
  const shareWith = async (choice: string) => {
    await ada.getByRole('button', { name: 'User settings' }).click();
    await ada.getByRole('radio', { name: choice }).click();
    await expect(ada.getByRole('radio', { name: choice })).toBeChecked({ timeout: 15_000 });
    await ada.keyboard.press('Escape');
  };
  await shareWith('Everyone');
  await expect(adaForCy).toHaveAccessibleName(/\(direct message\), In voice: General/, {
    timeout: 20_000,
  });
  await adaForCy.click();
  await expect(
    cy
      .getByRole('complementary', { name: 'Members' })
      .getByRole('listitem', { name: new RegExp(`^${names.ada},`) }),
  ).toHaveAccessibleName(/, Online, In voice: General$/);
  // Nobody: her status says nothing of the call; Bo, in the server, still sees her in General.
  await shareWith('Nobody');
  await expect(adaForCy).not.toHaveAccessibleName(/In voice/, { timeout: 20_000 });
  await expect(adaForBo).toHaveAccessibleName(/, In voice: General$/);

  // She leaves: it is gone everywhere.
  await ada.getByRole('button', { name: 'Disconnect' }).first().click();
  await expect(adaForBo).toHaveAccessibleName(/, Online$/, { timeout: 15_000 });
  await expect(bo.getByRole('link', { name: 'Hangout', exact: true })).toBeVisible();
  await expect(adaForCy).not.toHaveAccessibleName(/In voice/, { timeout: 20_000 });
});
