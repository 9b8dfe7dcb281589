import { expect, test } from '../fixtures';
import { matrixRequest, registerUser } from '@haos/stack';
import { openApp, registerThroughUi, unique } from '../helpers';
import {
  blobsOf,
  expectNoPayloadRan,
  hostileHtml,
  hostileSvg,
  openInNewTab,
  recordBlobUrls,
  sendRaw,
  uploadMedia,
  watchForPayloads,
} from '../hostile';
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

const flag = 'window.__xss=(window.__xss||0)+1';
/** XML whose script runs if a browser ever renders it as a document at HAOS's origin. */
const hostileXml = (tag: string) =>
  `<?xml version="1.0"?><root><x:script xmlns:x="http://www.w3.org/1999/xhtml">${flag};localStorage.setItem('haos-pwned','${tag}')</x:script></root>`;
const hostileXhtml = (tag: string) =>
  `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><script>${flag};localStorage.setItem('haos-pwned','${tag}')</script></body></html>`;

test('file messages with hostile types and names, edits, replies, reactions, topics and avatars from another client never run', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const hs = e2eStack().urls.synapse;
  const context = await browser.newContext();
  await recordBlobUrls(context);
  const watch = watchForPayloads(context);
  const victim = await context.newPage();
  await victim.goto(e2eStack().urls.web);
  const victimName = unique('vic');
  await registerThroughUi(victim, victimName);
  const dialogs: string[] = [];
  context.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  const attacker = await registerUser(hs, unique('mallory'));
  const svg = await uploadMedia(hs, attacker, hostileSvg('avatar'), 'image/svg+xml', 'a.svg');
  // Profile and room avatars pointing at script-carrying SVG; a hostile topic (plain and HTML).
  await matrixRequest(
    hs,
    attacker,
    'PUT',
    `/_matrix/client/v3/profile/${encodeURIComponent(attacker.userId)}/avatar_url`,
    { avatar_url: svg },
  );
  const { room_id: roomId } = await matrixRequest<{ room_id: string }>(
    hs,
    attacker,
    'POST',
    '/_matrix/client/v3/createRoom',
    {
      name: 'Totally safe files',
      invite: [`@${victimName}:${e2eStack().serverName}`],
      initial_state: [
        { type: 'm.room.avatar', state_key: '', content: { url: svg } },
        {
          type: 'm.room.topic',
          state_key: '',
          content: {
            topic: `<img src=x onerror="${flag}">`,
            'm.topic': [
              {
                mimetype: 'text/html',
                body: `<img src=x onerror="${flag}"><script>${flag}</script>`,
              },
            ],
          },
        },
      ],
    },
  );

  // Files whose type or name is hostile: SVG, HTML, XHTML and XML with script, and HTML
  // uploaded as image/png. Each goes as the message type that would show it inline if it could.
  const files: [string, string, string, string, 'm.image' | 'm.file' | 'm.video'][] = [
    [
      hostileSvg('svg'),
      'image/svg+xml',
      `<img src=x onerror="${flag}">.svg`,
      'image/svg+xml',
      'm.image',
    ],
    [hostileHtml('html'), 'text/html', `"><script>${flag}</script>.html`, 'text/html', 'm.file'],
    [
      hostileXhtml('xhtml'),
      'application/xhtml+xml',
      'page.xhtml',
      'application/xhtml+xml',
      'm.file',
    ],
    [hostileXml('xml'), 'text/xml', 'feed.xml', 'application/xml', 'm.file'],
    [hostileHtml('png'), 'image/png', 'cat.png', 'image/png', 'm.image'],
    [hostileHtml('video'), 'text/html', 'clip.mp4', 'video/mp4', 'm.video'],
  ];
  for (const [bytes, uploadType, name, claimed, msgtype] of files) {
    const url = await uploadMedia(hs, attacker, bytes, uploadType, name);
    await sendRaw(hs, attacker, roomId, {
      msgtype,
      body: name,
      filename: name,
      url,
      info: { mimetype: claimed, size: bytes.length, w: 40, h: 40, thumbnail_url: svg },
    });
  }

  // An edit whose new content is hostile, a reply with a hostile fallback, hostile reactions.
  const original = await sendRaw(hs, attacker, roomId, { msgtype: 'm.text', body: 'harmless' });
  await sendRaw(hs, attacker, roomId, {
    msgtype: 'm.text',
    body: '* edited',
    format: 'org.matrix.custom.html',
    formatted_body: `* <img src=x onerror="${flag}">`,
    'm.new_content': {
      msgtype: 'm.text',
      body: 'edited <script>',
      format: 'org.matrix.custom.html',
      formatted_body: `edited <img src=x onerror="${flag}"><a href="javascript:${flag}">x</a><svg onload="${flag}"></svg>`,
    },
    'm.relates_to': { rel_type: 'm.replace', event_id: original },
  });
  await sendRaw(hs, attacker, roomId, {
    msgtype: 'm.text',
    body: `> <${attacker.userId}> <img src=x onerror="${flag}">\n\nreplying`,
    format: 'org.matrix.custom.html',
    formatted_body: `<mx-reply><blockquote><a href="javascript:${flag}">In reply to</a><img src=x onerror="${flag}"><iframe srcdoc="<script>parent.__xss=1</script>"></iframe></blockquote></mx-reply>replying <b onmouseover="${flag}">here</b>`,
    'm.relates_to': { 'm.in_reply_to': { event_id: original } },
  });
  for (const key of [
    `<img src=x onerror="${flag}">`,
    `javascript:${flag}`,
    '<script>alert(1)</script>',
  ])
    await sendRaw(
      hs,
      attacker,
      roomId,
      { 'm.relates_to': { rel_type: 'm.annotation', event_id: original, key } },
      'm.reaction',
    );
  await sendRaw(hs, attacker, roomId, { msgtype: 'm.text', body: 'end of corpus' });

  await victim.getByRole('link', { name: 'Home' }).click();
  const invite = victim.getByRole('listitem', { name: /^Invite to / });
  await expect(invite).toBeVisible({ timeout: 20_000 });
  await invite.getByRole('button', { name: 'Accept' }).click();
  const messages = victim.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('end of corpus')).toBeVisible({ timeout: 20_000 });
  // Everything arrived and was rendered, as text where it was hostile markup.
  const edited = messages.getByRole('listitem', { name: /: edited <script>$/ });
  await expect(edited).toContainText('(edited)');
  const reply = messages.getByRole('listitem', { name: /: replying$/ });
  await expect(reply).toContainText('replying here');
  // The reply quotes the event it names, never the sender's hostile fallback.
  await expect(reply).toContainText('edited <script>');
  await expect(
    messages.getByRole('button', { name: /^<script>alert\(1\)<\/script> 1, react$/ }),
  ).toBeVisible();
  await expect(messages.getByText(`"><script>${flag}</script>.html`)).toBeVisible();
  await expect(messages.getByText('cat.png')).toBeVisible({ timeout: 20_000 });

  // Open every blob HAOS made (avatars, images, files) at its own address, as "open image in
  // new tab" would: none may become a document that runs script.
  await expect
    .poll(async () => (await blobsOf(victim)).length, { timeout: 20_000 })
    .toBeGreaterThan(0);
  for (const blob of await blobsOf(victim)) {
    const opened = await openInNewTab(context, blob.url);
    expect(opened, `${blob.type} blob`).not.toMatch(/svg|html|xml/);
  }

  expect(
    await victim.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expectNoPayloadRan(victim, watch);
  expect(
    await messages
      .locator(
        'script, iframe, svg:not([aria-hidden]), form, style, [onerror], [onload], [onmouseover]',
      )
      .count(),
  ).toBe(0);
  expect(await victim.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
});
