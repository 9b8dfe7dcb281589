import { expect, test } from '../fixtures';
import { matrixRequest } from '@haos/stack';
import {
  blobsOf,
  expectNoPayloadRan,
  hostileHtml,
  hostileSvg,
  loginUser,
  openInNewTab,
  recordBlobUrls,
  roomNamed,
  sendRaw,
  uploadMedia,
  watchForPayloads,
} from '../hostile';
import {
  createServerThroughUi,
  joinThroughInvite,
  openApp,
  registerThroughUi,
  unique,
} from '../helpers';
import { e2eStack } from '../stack';

const PASSWORD = 'correct horse battery';
/** The only types HAOS may give a blob it shows or downloads (core/matrix/media-types.ts). */
const SAFE =
  /^(image\/(png|jpeg|gif|webp|avif|apng)|(audio|video)\/[a-z0-9.+-]+|application\/octet-stream)$/;

test('hostile attachments (SVG and HTML with script, a file lying about its type) opened at their blob address run nothing and cannot read the session', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const hs = e2eStack().urls.synapse;
  const context = await browser.newContext();
  await recordBlobUrls(context);
  const watch = watchForPayloads(context);
  const victim = await context.newPage();
  await victim.goto(e2eStack().urls.web);
  const attackerPage = await openApp(browser);
  const attackerName = unique('mallory');
  await Promise.all([
    registerThroughUi(victim, unique('vic')),
    registerThroughUi(attackerPage, attackerName, PASSWORD),
  ]);
  const link = await createServerThroughUi(attackerPage, 'Free Stickers');
  await joinThroughInvite(victim, link);
  const attacker = await loginUser(hs, attackerName, PASSWORD);
  const roomId = await roomNamed(hs, attacker, 'general');

  // Through HAOS's own upload: an SVG with script and an HTML page.
  for (const [name, mimeType, body] of [
    ['ui.svg', 'image/svg+xml', hostileSvg('ui-svg')],
    ['ui.html', 'text/html', hostileHtml('ui-html')],
  ] as const) {
    await attackerPage.getByLabel('Upload a file').setInputFiles({
      name,
      mimeType,
      buffer: Buffer.from(body),
    });
    await expect(attackerPage.getByRole('button', { name: `Download ${name}` })).toBeVisible({
      timeout: 20_000,
    });
  }

  // From another client, raw: the types it claims are the attacker's choice.
  const svgAsSvg = await uploadMedia(hs, attacker, hostileSvg('raw-svg'), 'image/svg+xml', 'a.svg');
  const svgAsPng = await uploadMedia(hs, attacker, hostileSvg('liar'), 'image/png', 'a.png');
  const html = await uploadMedia(hs, attacker, hostileHtml('raw-html'), 'text/html', 'a.html');
  const files: [string, Record<string, unknown>][] = [
    [
      'raw.svg',
      { msgtype: 'm.image', url: svgAsSvg, info: { mimetype: 'image/svg+xml', w: 40, h: 40 } },
    ],
    ['nomime.svg', { msgtype: 'm.image', url: svgAsSvg }],
    [
      'liar.png',
      { msgtype: 'm.image', url: svgAsPng, info: { mimetype: 'image/png', w: 40, h: 40 } },
    ],
    ['raw.html', { msgtype: 'm.file', url: html, info: { mimetype: 'text/html' } }],
    ['page.html', { msgtype: 'm.image', url: html, info: { mimetype: 'text/html' } }],
    ['clip.mp4', { msgtype: 'm.video', url: html, info: { mimetype: 'text/html; charset=utf-8' } }],
    ['song.mp3', { msgtype: 'm.audio', url: svgAsSvg, info: { mimetype: 'image/svg+xml' } }],
  ];
  for (const [body, content] of files) await sendRaw(hs, attacker, roomId, { body, ...content });
  // And an avatar that is an SVG with script.
  await matrixRequest(
    hs,
    attacker,
    'PUT',
    `/_matrix/client/v3/profile/${encodeURIComponent(attacker.userId)}/avatar_url`,
    { avatar_url: svgAsSvg },
  );
  await sendRaw(hs, attacker, roomId, { msgtype: 'm.text', body: 'end of attachments' });

  const messages = victim.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText('end of attachments')).toBeVisible({ timeout: 30_000 });
  const names = ['ui.svg', 'ui.html', ...files.map(([name]) => name)];
  const download = (name: string) => messages.getByRole('button', { name: `Download ${name}` });
  for (const name of names) {
    await expect(messages.getByRole('img', { name }).or(download(name))).toBeVisible({
      timeout: 20_000,
    });
  }
  for (const name of names) {
    if (!(await download(name).isVisible())) continue;
    const [file] = await Promise.all([victim.waitForEvent('download'), download(name).click()]);
    expect(file.suggestedFilename()).toBe(name);
  }

  // Opening every blob the app made at its own address, in a new tab, runs nothing…
  const blobs = await blobsOf(victim);
  expect(blobs.length).toBeGreaterThanOrEqual(names.length);
  const opened: string[] = [];
  for (const { url } of blobs) opened.push(await openInNewTab(context, url));
  await expectNoPayloadRan(victim, watch);
  // …because no blob carries a type the browser would render as a document,
  for (const { type } of blobs) expect(type).toMatch(SAFE);
  expect(opened.filter((kind) => /svg|html|xml/.test(kind))).toEqual([]);
  expect(opened.filter((kind) => kind === 'download').length).toBeGreaterThanOrEqual(names.length);
  // and none is shown inline: each is offered as a download (bytes that are no image too).
  for (const name of names) await expect(download(name)).toBeVisible();
  await expect(messages.getByText("This image can't be shown.")).toHaveCount(2);
});
