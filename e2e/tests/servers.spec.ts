import { expect, test } from '../fixtures';
import { matrixRequest } from '@haos/stack';
import { e2eStack } from '../stack';
import { loginUser } from '../hostile';
import {
  createChannelThroughUi,
  createServerThroughUi,
  openApp,
  registerThroughUi,
  unique,
  joinThroughInvite,
} from '../helpers';

test('the owner adds channels, members see them; Ctrl+K jumps to any channel', async ({
  browser,
}) => {
  const owner = await openApp(browser);
  const member = await openApp(browser);
  await Promise.all([
    registerThroughUi(owner, unique('olivia')),
    registerThroughUi(member, unique('max')),
  ]);
  const link = await createServerThroughUi(owner, 'Builders');

  await owner.getByRole('button', { name: 'Create channel' }).click();
  await owner.getByRole('textbox', { name: 'Channel name' }).fill('Release Plans');
  await owner.getByRole('button', { name: 'Create channel' }).last().click();
  await expect(owner.getByRole('heading', { name: 'release-plans' })).toBeVisible({
    timeout: 20_000,
  });

  await owner.getByRole('button', { name: 'Create channel' }).click();
  await owner.getByRole('radio', { name: /Voice/ }).check();
  await owner.getByRole('textbox', { name: 'Channel name' }).fill('Standup');
  await owner.getByRole('button', { name: 'Create channel' }).last().click();
  await expect(owner.getByRole('link', { name: 'Standup (voice channel)' })).toBeVisible({
    timeout: 20_000,
  });

  await joinThroughInvite(member, link);
  await expect(member.getByRole('link', { name: 'release-plans (text channel)' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(member.getByRole('link', { name: 'Standup (voice channel)' })).toBeVisible();
  // Members may not rearrange the server.
  await expect(member.getByRole('button', { name: 'Create channel' })).toHaveCount(0);

  // The owner moves a channel up; everyone sees the new order.
  await owner.getByRole('button', { name: 'Server settings' }).click();
  await owner.getByRole('tab', { name: 'channels' }).click();
  await owner.getByRole('button', { name: 'Move release-plans up' }).click();
  await owner.keyboard.press('Escape');
  const memberText = member.getByRole('region', { name: 'Text channels' }).getByRole('link');
  await expect(memberText.first()).toHaveAccessibleName(/^release-plans/, { timeout: 20_000 });
  await expect(memberText.nth(1)).toHaveAccessibleName(/^general/);

  await member.keyboard.press('Control+k');
  const where = member.getByRole('combobox', { name: 'Where to?' });
  await expect(where).toBeFocused();
  await where.fill('release');
  await where.press('Enter');
  await expect(member.getByRole('heading', { name: 'release-plans' })).toBeVisible();
  await expect(member.getByRole('dialog')).toHaveCount(0);

  // Leaving takes the server and its channels away.
  member.once('dialog', (dialog) => void dialog.accept());
  await member.getByRole('button', { name: 'Leave server' }).click();
  await expect(member.getByRole('link', { name: 'Builders' })).toHaveCount(0, { timeout: 20_000 });
  // (The owner is on the new voice channel's call view; the member list is in text channels.)
  await owner.getByRole('link', { name: /^general \(text channel\)/ }).click();
  await expect(
    owner.getByRole('complementary', { name: 'Members' }).getByRole('listitem'),
  ).toHaveCount(1, { timeout: 20_000 });
});

test('categories: the owner groups channels, members see the groups and can fold them', async ({
  browser,
}) => {
  const owner = await openApp(browser);
  const member = await openApp(browser);
  await Promise.all([
    registerThroughUi(owner, unique('cora')),
    registerThroughUi(member, unique('cy')),
  ]);
  const link = await createServerThroughUi(owner, 'Arcade');
  await joinThroughInvite(member, link);

  await owner.getByRole('button', { name: 'Server settings' }).click();
  await owner.getByRole('tab', { name: 'categories' }).click();
  await owner.getByRole('textbox', { name: 'New category name' }).fill('Games');
  await owner.getByRole('button', { name: 'Add category' }).click();
  await expect(owner.getByRole('textbox', { name: 'Name of category Games' })).toBeVisible({
    timeout: 20_000,
  });
  await owner.getByRole('tab', { name: 'channels' }).click();
  await owner
    .getByRole('combobox', { name: 'Category of General (voice channel)' })
    .selectOption('Games');
  await owner.keyboard.press('Escape');

  // A new channel can be made right in the category.
  await owner.getByRole('button', { name: 'Create channel' }).click();
  await owner.getByRole('textbox', { name: 'Channel name' }).fill('lfg');
  await owner.getByRole('combobox', { name: 'Category' }).selectOption('Games');
  await owner.getByRole('button', { name: 'Create channel' }).last().click();
  await expect(owner.getByRole('heading', { name: 'lfg' })).toBeVisible({ timeout: 20_000 });

  const games = member.getByRole('region', { name: 'Games' });
  await expect(games.getByRole('link', { name: /^General \(voice channel\)/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(games.getByRole('link', { name: /^lfg \(text channel\)/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(member.getByRole('region', { name: 'Voice channels' })).toHaveCount(0);
  await expect(
    member.getByRole('region', { name: 'Text channels' }).getByRole('link'),
  ).toHaveAccessibleName(/^general \(text channel\)/);

  // Folding a category hides its channels, and is remembered on this device.
  const fold = games.getByRole('button', { name: 'Games' });
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(games.getByRole('link')).toHaveCount(0);
  await member.reload();
  await expect(
    member.getByRole('region', { name: 'Games' }).getByRole('button', { name: 'Games' }),
  ).toHaveAttribute('aria-expanded', 'false', { timeout: 30_000 });

  // Deleting the category puts its channels back with the others.
  owner.once('dialog', (dialog) => void dialog.accept());
  await owner.getByRole('button', { name: 'Server settings' }).click();
  await owner.getByRole('tab', { name: 'categories' }).click();
  await owner.getByRole('button', { name: 'Delete category Games' }).click();
  await expect(
    member.getByRole('region', { name: 'Voice channels' }).getByRole('link', {
      name: /^General \(voice channel\)/,
    }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(member.getByRole('region', { name: 'Games' })).toHaveCount(0);
});

test('server settings: rename, roles applied to every channel, kick; the kicked member is told who and why', async ({
  browser,
}) => {
  const owner = await openApp(browser);
  const member = await openApp(browser);
  const memberName = unique('mia');
  const ownerName = unique('otto');
  await Promise.all([registerThroughUi(owner, ownerName), registerThroughUi(member, memberName)]);
  const link = await createServerThroughUi(owner, 'Old Name');
  await joinThroughInvite(member, link);
  await expect(member.getByRole('link', { name: 'general (text channel)' })).toBeVisible({
    timeout: 30_000,
  });

  await owner.getByRole('button', { name: 'Server settings' }).click();
  const settings = owner.getByRole('dialog');
  await expect(settings).toHaveAccessibleName('Old Name settings');
  await settings.getByRole('textbox', { name: 'Server name' }).fill('New Name');
  await settings.getByRole('button', { name: 'Save name' }).click();
  await expect(member.getByRole('link', { name: 'New Name' })).toBeVisible({ timeout: 20_000 });

  // A server icon, shown to members through authenticated media.
  await settings.getByLabel('Server icon').setInputFiles({
    name: 'icon.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  });
  await expect(member.getByRole('link', { name: 'New Name' }).locator('img')).toHaveAttribute(
    'src',
    /^blob:/,
    { timeout: 20_000 },
  );

  await settings.getByRole('tab', { name: 'channels' }).click();
  await settings.getByRole('textbox', { name: 'Name of general', exact: true }).fill('lobby');
  await settings.getByRole('button', { name: 'Rename general', exact: true }).click();
  await expect(member.getByRole('link', { name: 'lobby (text channel)' })).toBeVisible({
    timeout: 20_000,
  });

  await settings.getByRole('tab', { name: 'members' }).click();
  await settings.getByRole('combobox', { name: `Role of ${memberName}` }).selectOption('moderator');
  // A moderator may add channels.
  await expect(member.getByRole('button', { name: 'Create channel' })).toBeVisible({
    timeout: 20_000,
  });

  await settings
    .getByRole('textbox', { name: /Reason for a kick or ban/ })
    .fill('<b>spam</b> in #lobby');
  await settings.getByRole('button', { name: `Kick ${memberName}` }).click();
  await expect(member.getByRole('link', { name: 'New Name' })).toHaveCount(0, { timeout: 20_000 });

  // Where the server was: who removed them and why (as text), not "Loading your servers…".
  const notice = member.getByRole('region', { name: 'Removed from New Name' });
  await expect(notice.getByRole('heading')).toHaveText(`${ownerName} removed you from New Name`);
  await expect(notice).toContainText('Reason: “<b>spam</b> in #lobby”');
  await expect(notice).toContainText('You can rejoin this server if someone invites you again.');
  // After a reload too: the homeserver still says who removed them.
  await member.reload();
  await expect(notice.getByRole('heading')).toHaveText(`${ownerName} removed you from New Name`, {
    timeout: 30_000,
  });
  await expect(member.getByText('Loading your servers…')).toHaveCount(0);
  await notice.getByRole('button', { name: 'Forget this server' }).click();
  await expect(member.getByRole('heading', { name: 'Direct messages' })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('removed from one channel, or banned from a server: the member sees who did it and why', async ({
  browser,
}) => {
  const hs = e2eStack().urls.synapse;
  const owner = await openApp(browser);
  const member = await openApp(browser);
  const ownerName = unique('olga');
  const memberName = unique('max');
  await Promise.all([registerThroughUi(owner, ownerName), registerThroughUi(member, memberName)]);
  const link = await createServerThroughUi(owner, 'Bansville');
  await createChannelThroughUi(owner, 'secret');
  await joinThroughInvite(member, link);
  const secret = member.getByRole('link', { name: 'secret (text channel)' });
  await secret.click();
  await expect(member.getByRole('heading', { name: 'secret' })).toBeVisible();
  const channelId = decodeURIComponent(member.url().split('/').at(-1) ?? '');

  // Another client of the owner removes the member from this one channel, with a reason.
  const ownerApi = await loginUser(hs, ownerName, 'correct horse battery');
  await matrixRequest(
    hs,
    ownerApi,
    'POST',
    `/_matrix/client/v3/rooms/${encodeURIComponent(channelId)}/kick`,
    { user_id: `@${memberName}:${e2eStack().serverName}`, reason: 'off topic' },
  );
  const notice = member.getByRole('region', { name: 'Removed from secret' });
  await expect(notice.getByRole('heading')).toHaveText(`${ownerName} removed you from secret`, {
    timeout: 20_000,
  });
  await expect(notice).toContainText('Reason: “off topic”');
  await expect(secret).toHaveCount(0);
  await notice.getByRole('button', { name: 'Back to the server' }).click();
  await expect(member.getByRole('heading', { name: 'general' })).toBeVisible();

  // A ban from the whole server, from the settings, with a reason.
  await owner.getByRole('button', { name: 'Server settings' }).click();
  const settings = owner.getByRole('dialog');
  await settings.getByRole('tab', { name: 'members' }).click();
  await settings.getByRole('textbox', { name: /Reason for a kick or ban/ }).fill('raiding');
  owner.once('dialog', (dialog) => void dialog.accept());
  await settings.getByRole('button', { name: `Ban ${memberName}` }).click();
  const banned = member.getByRole('region', { name: 'Removed from Bansville' });
  await expect(banned.getByRole('heading')).toHaveText(`${ownerName} banned you from Bansville`, {
    timeout: 20_000,
  });
  await expect(banned).toContainText('Reason: “raiding”');
  await expect(banned).toContainText(
    "You can't rejoin this server unless a moderator lifts the ban.",
  );
  await banned.getByRole('button', { name: 'Forget this server' }).click();
  await expect(member.getByRole('region', { name: 'Removed from Bansville' })).toHaveCount(0);
  await expect(member.getByRole('link', { name: 'Bansville' })).toHaveCount(0);
});
