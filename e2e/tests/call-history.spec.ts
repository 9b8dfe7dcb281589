import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import { closeMicBrowsers, personWithMic } from '../audio';

test.describe.configure({ timeout: 240_000 });

test.afterEach(closeMicBrowsers);

/** The text chat beside a voice channel's call. */
const chatOf = (page: Page, channel = 'General') =>
  page.getByRole('complementary', { name: `Chat in ${channel}` });

const callLines = (page: Page) =>
  chatOf(page)
    .getByRole('list', { name: 'Messages' })
    .getByRole('listitem', { name: /^Call: / });

const connected = (page: Page) => page.getByRole('status').filter({ hasText: 'Voice connected' });

test('call history entries appear after a call, and the voice channel has a text chat', async () => {
  const [ada, bo] = await Promise.all([personWithMic(1000), personWithMic(1500)]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Call Log');
  await joinThroughInvite(bo, link);

  // Ada joins first (she starts the call), then Bo; both open the channel's chat.
  await ada.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(connected(ada)).toBeVisible({ timeout: 30_000 });
  await bo.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(connected(bo)).toBeVisible({ timeout: 30_000 });
  for (const page of [ada, bo]) {
    await page.getByRole('button', { name: 'Show chat' }).click();
    await expect(page.getByRole('button', { name: 'Hide chat' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }

  // While the call goes on, it is one line saying so, with who is in it.
  for (const page of [ada, bo]) {
    await expect(callLines(page)).toHaveCount(1, { timeout: 20_000 });
    await expect(callLines(page)).toHaveAccessibleName(
      new RegExp(`^Call: ${names.ada} started a call · Call ongoing · `),
      { timeout: 20_000 },
    );
  }

  // They talk in the voice channel's chat while in the call.
  await chatOf(ada).getByRole('textbox', { name: 'Message #General' }).fill('can you hear me?');
  await chatOf(ada).getByRole('textbox', { name: 'Message #General' }).press('Enter');
  await expect(
    chatOf(bo).getByRole('listitem', { name: `${names.ada}: can you hear me?` }),
  ).toBeVisible({ timeout: 20_000 });
  await chatOf(bo).getByRole('textbox', { name: 'Message #General' }).fill('loud and clear');
  await chatOf(bo).getByRole('textbox', { name: 'Message #General' }).press('Enter');
  await expect(
    chatOf(ada).getByRole('listitem', { name: `${names.bo}: loud and clear` }),
  ).toBeVisible({ timeout: 20_000 });
  // The call stays up while they chat.
  await expect(connected(ada)).toBeVisible();
  await expect(connected(bo)).toBeVisible();

  // Bo leaves, then Ada: the call is over.
  await bo.getByRole('button', { name: 'Disconnect' }).first().click();
  await expect(connected(bo)).toBeHidden({ timeout: 20_000 });
  await ada.getByRole('button', { name: 'Disconnect' }).first().click();
  await expect(connected(ada)).toBeHidden({ timeout: 20_000 });

  // Both see one compact line: Ada started it, Ada and Bo joined, and how long it lasted.
  const ended = new RegExp(
    `^Call: ${names.ada} started a call · ${names.ada} and ${names.bo} joined · \\d+ (second|minute)s?$`,
  );
  for (const page of [ada, bo]) {
    await expect(callLines(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(callLines(page)).toHaveAccessibleName(ended, { timeout: 30_000 });
  }

  // The line comes from the room's history, not from this session: it is there after a reload,
  // and the chat stays open (remembered).
  await bo.reload();
  await expect(chatOf(bo)).toBeVisible({ timeout: 60_000 });
  await expect(callLines(bo)).toHaveCount(1, { timeout: 30_000 });
  await expect(callLines(bo)).toHaveAccessibleName(ended);
  await expect(
    chatOf(bo).getByRole('listitem', { name: `${names.ada}: can you hear me?` }),
  ).toBeVisible({ timeout: 30_000 });
});
