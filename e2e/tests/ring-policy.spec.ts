import { type Page } from '@playwright/test';
import { matrixRequest, registerUser, type TestUser } from '@haos/stack';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import { closeMicBrowsers, peakWithin, personWithMic, SILENT_DB } from '../audio';
import { e2eStack } from '../stack';

/** A note of HAOS's ringtone (core/call/sounds.ts) that no other sound cue uses. */
const RINGTONE_HZ = 659;

test.describe.configure({ timeout: 180_000 });
test.afterEach(closeMicBrowsers);

const ringPrompt = (page: Page) => page.getByRole('alertdialog', { name: /^Incoming .* call/ });

/**
 * What a hostile member sends, straight over the client-server API: a ring that names everyone.
 * Members may not post call memberships in a text channel, so it references a message of theirs
 * (the homeserver only wants a relation to an event that exists).
 */
async function sendRing(user: TestUser, roomId: string, ringing: string[]): Promise<void> {
  const hs = e2eStack().urls.synapse;
  const room = encodeURIComponent(roomId);
  const { event_id: message } = await matrixRequest<{ event_id: string }>(
    hs,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${room}/send/m.room.message/${unique('m')}`,
    { msgtype: 'm.text', body: 'calling everyone' },
  );
  await matrixRequest(
    hs,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${room}/send/org.matrix.msc4075.rtc.notification/${unique('ring')}`,
    {
      notification_type: 'ring',
      sender_ts: Date.now(),
      lifetime: 60_000,
      'm.mentions': { user_ids: ringing, room: true },
      'm.call.intent': 'audio',
      'm.relates_to': { rel_type: 'm.reference', event_id: message },
    },
  );
}

async function say(user: TestUser, roomId: string, body: string): Promise<void> {
  await matrixRequest(
    e2eStack().urls.synapse,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${unique('t')}`,
    { msgtype: 'm.text', body },
  );
}

test('a ring sent to a text channel by a member rings nobody; a channel you let ring you does', async () => {
  const [ada, bo] = await Promise.all([personWithMic(), personWithMic()]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Big Channel');
  await joinThroughInvite(bo, link);
  await bo.getByRole('link', { name: 'general (text channel)' }).click();
  const spaceId = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
  const general = decodeURIComponent(new URL(ada.url()).pathname.split('/').pop() ?? '');

  // Someone who joined the server, ringing everyone in #general from their own client.
  const hs = e2eStack().urls.synapse;
  const mallory = await registerUser(hs, unique('mallory'));
  for (const id of [spaceId, general])
    await matrixRequest(
      hs,
      mallory,
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(id)}`,
      {},
    );
  const serverName = e2eStack().serverName;
  const everyone = [names.ada, names.bo].map((n) => `@${n}:${serverName}`);
  await sendRing(mallory, general, everyone);
  await say(mallory, general, 'after the ring');
  for (const page of [ada, bo]) {
    // The ring has arrived (the message after it has): no prompt, no ringtone.
    await expect(page.getByText('after the ring')).toBeVisible({ timeout: 30_000 });
    await expect(ringPrompt(page)).toHaveCount(0);
    expect(await peakWithin(page, RINGTONE_HZ, 3_000)).toBeLessThan(SILENT_DB);
  }

  // Bo lets calls in #general ring him (the bell in the channel's header). Now he is rung; Ada,
  // who did not, still is not.
  await bo.getByRole('button', { name: 'Notification settings' }).click();
  await bo.getByRole('menuitemcheckbox', { name: /Let calls here ring me/ }).click();
  await bo.getByRole('button', { name: 'Notification settings' }).click();
  await expect(
    bo.getByRole('menuitemcheckbox', { name: /Let calls here ring me/ }),
  ).toHaveAttribute('aria-checked', 'true', { timeout: 15_000 });
  await bo.keyboard.press('Escape');
  await sendRing(mallory, general, everyone);
  await say(mallory, general, 'second ring sent');
  await expect(ringPrompt(bo)).toBeVisible({ timeout: 30_000 });
  await expect(ada.getByText('second ring sent')).toBeVisible({ timeout: 30_000 });
  await expect(ringPrompt(ada)).toHaveCount(0);
});
