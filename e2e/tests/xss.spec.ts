import { expect, test } from '../fixtures';
import { matrixRequest, registerUser } from '@haos/stack';
import { openApp, registerThroughUi, unique } from '../helpers';
import { e2eStack } from '../stack';

/** Hostile strings from other clients: none of them may run as code in HAOS. */
const CORPUS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '<svg onload="window.__xss=(window.__xss||0)+1"></svg>',
  '<a href="javascript:window.__xss=(window.__xss||0)+1">click</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<details open ontoggle="window.__xss=(window.__xss||0)+1">x</details>',
  '<math><mi xlink:href="javascript:window.__xss=1">x</mi></math>',
  '"><img src=x onerror=window.__xss=1>',
  '<style>@import "javascript:window.__xss=1";</style>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
  '<form><button formaction="javascript:window.__xss=1">b</button></form>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
];

test('an XSS corpus in bodies, formatted bodies, display names, room names and topics never runs', async ({
  browser,
}) => {
  const hs = e2eStack().urls.synapse;
  const victim = await openApp(browser);
  const victimName = unique('vic');
  await registerThroughUi(victim, victimName);
  const dialogs: string[] = [];
  victim.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const attacker = await registerUser(hs, unique('mallory'));
  await matrixRequest(
    hs,
    attacker,
    'PUT',
    `/_matrix/client/v3/profile/${encodeURIComponent(attacker.userId)}/displayname`,
    {
      displayname: CORPUS[0],
    },
  );
  const { room_id: roomId } = await matrixRequest<{ room_id: string }>(
    hs,
    attacker,
    'POST',
    '/_matrix/client/v3/createRoom',
    {
      name: CORPUS[1],
      topic: CORPUS[2],
      invite: [`@${victimName}:${e2eStack().serverName}`],
    },
  );
  for (const [i, html] of CORPUS.entries()) {
    await matrixRequest(
      hs,
      attacker,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/xss${i}`,
      {
        msgtype: 'm.text',
        body: html,
        format: 'org.matrix.custom.html',
        formatted_body: html,
      },
    );
    await matrixRequest(
      hs,
      attacker,
      'PUT',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/plain${i}`,
      {
        msgtype: 'm.text',
        body: html,
      },
    );
  }
  await matrixRequest(
    hs,
    attacker,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/end`,
    {
      msgtype: 'm.text',
      body: 'end of corpus',
    },
  );

  await victim.getByRole('link', { name: 'Home' }).click();
  const invite = victim.getByRole('listitem', { name: /^Invite to / });
  await expect(invite).toBeVisible({ timeout: 20_000 });
  await invite.getByRole('button', { name: 'Accept' }).click();
  const messages = victim.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('end of corpus')).toBeVisible({ timeout: 20_000 });

  // Plain bodies show as the literal text they are.
  await expect(messages.getByText(CORPUS[1] ?? '', { exact: true })).toBeVisible();
  // The hostile display name and room name show as text, too.
  await expect(victim.getByRole('heading', { name: CORPUS[1] })).toBeVisible();
  await victim.waitForTimeout(500);
  expect(
    await victim.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(
    await messages.locator('script, iframe, img, svg, form, style, [onerror], [onload]').count(),
  ).toBe(0);
  expect(await messages.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
});
