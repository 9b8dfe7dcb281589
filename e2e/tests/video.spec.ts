import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  createServerThroughUi,
  joinThroughInvite,
  registerEach,
  registerThroughUi,
  unique,
} from '../helpers';
import {
  closeMicBrowsers,
  heard,
  HEARD_DB,
  personWithMic,
  personWithoutDevicePrompt,
} from '../audio';
import {
  expectPlaying,
  joinGeneral,
  tile,
  tiles,
  tileWidth,
  turnOnCamera,
  videoOf,
  videoSize,
} from '../video';

test.describe.configure({ timeout: 240_000 });

// The grid's layout follows a ResizeObserver and a re-render: slow on a busy machine.
const LAYOUT = { timeout: 30_000 };

test.afterEach(closeMicBrowsers);

test('three people on camera see each other; camera off shows the avatar; rejoin restores video; the grid follows who is there; focus and back; own tile hidden and mirrored', async () => {
  // Three browsers encoding and decoding video on two cores: a long test when the machine is busy
  // (every wait in it is state-based; this is only the ceiling).
  test.setTimeout(480_000);
  const [ada, bo, cy] = await Promise.all([personWithMic(), personWithMic(), personWithMic()]);
  const names = await registerEach({ ada, bo, cy });
  const link = await createServerThroughUi(ada, 'Video Lab');
  await Promise.all([joinThroughInvite(bo, link), joinThroughInvite(cy, link)]);

  // Ada alone: one tile, as large as the view allows.
  await joinGeneral(ada);
  await expect(tiles(ada)).toHaveCount(1);
  await expect.poll(() => tileWidth(ada), LAYOUT).toBeGreaterThan(0);
  const alone = await tileWidth(ada);

  await turnOnCamera(ada);
  // Your own picture shows as in a mirror.
  const own = ada.getByLabel('Your video', { exact: true });
  await expectPlaying(own);
  expect(await own.evaluate((v) => getComputedStyle(v).scale)).toBe('-1 1');

  // Bo and Cy come in: the grid makes room, and tiles get smaller.
  await joinGeneral(bo);
  await joinGeneral(cy);
  await expect(tiles(ada)).toHaveCount(3, { timeout: 20_000 });
  await expect.poll(() => tileWidth(ada), LAYOUT).toBeLessThan(alone);
  const three = await tileWidth(ada);
  // Nothing overflows the window.
  const viewport = ada.viewportSize()!;
  for (const box of await tiles(ada).evaluateAll((lis) =>
    lis.map((li) => li.getBoundingClientRect().toJSON() as DOMRect),
  )) {
    expect(box.right).toBeLessThanOrEqual(viewport.width + 1);
    expect(box.bottom).toBeLessThanOrEqual(viewport.height + 1);
  }

  await turnOnCamera(bo);
  await turnOnCamera(cy);
  // Everyone sees the other two's video playing: real size, frames advancing.
  await Promise.all([
    expectPlaying(videoOf(ada, names.bo)),
    expectPlaying(videoOf(ada, names.cy)),
    expectPlaying(videoOf(bo, names.ada)),
    expectPlaying(videoOf(bo, names.cy)),
    expectPlaying(videoOf(cy, names.ada)),
    expectPlaying(videoOf(cy, names.bo)),
  ]);

  // Bo turns the camera off: the others see Bo's avatar instead.
  await bo.getByRole('button', { name: 'Turn off camera' }).click();
  for (const page of [ada, cy]) {
    await expect(tile(page, names.bo)).toHaveAttribute('data-video', 'off', { timeout: 10_000 });
    await expect(videoOf(page, names.bo)).toHaveCount(0);
  }
  await expect(bo.getByRole('button', { name: 'Turn on camera' })).toBeVisible();

  // Focus Cy: Cy large in the spotlight, the others in a strip; click again, back to the grid.
  await ada.getByRole('button', { name: `Focus ${names.cy}` }).click();
  const spotlight = ada.getByRole('region', { name: `Spotlight: ${names.cy}` });
  await expect(spotlight).toBeVisible();
  await expectPlaying(spotlight.getByLabel(`Video of ${names.cy}`));
  await expect(tiles(ada)).toHaveCount(3);
  await expect(ada.getByRole('button', { name: `Focus ${names.cy}` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await ada.getByRole('button', { name: `Focus ${names.cy}` }).click();
  await expect(spotlight).toHaveCount(0);
  await expect.poll(() => tileWidth(ada), LAYOUT).toBeCloseTo(three, -1);
  // And with "Back to grid".
  await ada.getByRole('button', { name: `Focus ${names.bo}` }).click();
  await ada.getByRole('button', { name: 'Back to grid' }).click();
  await expect(ada.getByRole('region', { name: /^Spotlight/ })).toHaveCount(0);

  // Ada hides her own tile, and shows it again.
  await ada.getByRole('button', { name: 'Hide my tile' }).click();
  await expect(tiles(ada)).toHaveCount(2);
  await expect(ada.getByLabel('Your video', { exact: true })).toHaveCount(0);
  await ada.getByRole('button', { name: 'Show my tile' }).click();
  await expect(tiles(ada)).toHaveCount(3);

  // Cy leaves: the others' tiles grow back.
  await cy.getByRole('button', { name: 'Disconnect' }).first().click();
  await expect(tiles(ada)).toHaveCount(2, { timeout: 10_000 });
  await expect.poll(() => tileWidth(ada), LAYOUT).toBeGreaterThan(three);

  // Cy rejoins and turns the camera on again: the others see it play again.
  await joinGeneral(cy);
  await expect(tiles(ada)).toHaveCount(3, { timeout: 20_000 });
  await turnOnCamera(cy);
  await Promise.all([expectPlaying(videoOf(ada, names.cy)), expectPlaying(videoOf(bo, names.cy))]);
});

test('camera blocked: a clear message, the call goes on and is heard', async () => {
  const ada = await personWithMic(1000);
  // Dee's browser has no automatic "allow" for devices: the site may use the microphone only.
  const dee = await personWithoutDevicePrompt({ permissions: ['microphone'] });
  const names = { ada: unique('ada'), dee: unique('dee') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(dee, names.dee)]);
  const link = await createServerThroughUi(ada, 'Camera Lab');
  await joinThroughInvite(dee, link);
  await joinGeneral(ada);
  await joinGeneral(dee);

  await dee.getByRole('button', { name: 'Turn on camera' }).click();
  const dialog = dee.getByRole('dialog', { name: 'Camera preview' });
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Camera blocked');
  await expect(alert).toHaveAttribute('data-code', 'CAMERA_DENIED');
  await expect(dialog.getByRole('button', { name: 'Turn on camera' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The call is unaffected: still connected, and Ada's voice is heard.
  await expect(dee.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible();
  await expect.poll(() => heard(dee, 1000), { timeout: 20_000 }).toBeGreaterThan(HEARD_DB);
  await expect(tile(ada, names.dee)).toHaveAttribute('data-video', 'off');
});

test('pop-out: the call stays on screen in a picture-in-picture window while browsing, with mute and leave', async () => {
  const [ada, bo] = await Promise.all([personWithMic(), personWithMic()]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Pop Lab');
  await joinThroughInvite(bo, link);
  await joinGeneral(ada);
  await joinGeneral(bo);
  await turnOnCamera(ada);
  await expectPlaying(videoOf(bo, names.ada));

  await bo.getByRole('button', { name: 'Pop out' }).click();
  await expect(bo.getByRole('button', { name: 'Close pop-out' })).toBeVisible();
  // Bo goes to a text channel: the call view is gone from the page, the pop-out stays.
  await bo.getByRole('link', { name: 'general (text channel)' }).click();
  await expect(videoOf(bo, names.ada)).toHaveCount(0);
  const inPopout = async <T>(read: (doc: Document) => T): Promise<T> => {
    const value: unknown = await bo.evaluate(
      `(${read.toString()})(window.documentPictureInPicture.window.document)`,
    );
    return value as T;
  };
  const frames = () =>
    inPopout(
      (doc) =>
        doc
          .querySelector<HTMLVideoElement>('video[data-source="camera"]')
          ?.getVideoPlaybackQuality().totalVideoFrames ?? -1,
    );
  await expect.poll(frames, { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await frames();
  await expect.poll(frames, { timeout: 20_000 }).toBeGreaterThan(before + 5);
  expect(
    await inPopout((doc) =>
      doc.querySelector('video[data-source="camera"]')?.getAttribute('aria-label'),
    ),
  ).toBe(`Video of ${names.ada}`);

  // Mute from the pop-out: the app's own controls follow.
  await inPopout((doc) =>
    doc.querySelector<HTMLButtonElement>('button[aria-label="Mute"]')?.click(),
  );
  await expect(bo.getByRole('button', { name: 'Unmute', exact: true }).first()).toBeVisible();
  // Leave from the pop-out: out of the call, and the pop-out closes.
  await inPopout((doc) =>
    doc.querySelector<HTMLButtonElement>('button[aria-label="Leave call"]')?.click(),
  );
  await expect(bo.getByRole('region', { name: 'Voice connection' })).toHaveCount(0);
  await expect.poll(() => bo.evaluate(() => !!window.documentPictureInPicture?.window)).toBe(false);
  await expect(tiles(ada)).toHaveCount(1, { timeout: 10_000 });
});

/**
 * Every RTCPeerConnection the page makes, kept for reading its stats (test instrumentation: the
 * app is unchanged).
 */
const PC_RECORDER = `(() => {
  const Real = window.RTCPeerConnection;
  const made = (window.haosPeerConnections = []);
  window.RTCPeerConnection = class extends Real {
    constructor(...args) { super(...args); made.push(this); }
  };
})()`;

/** Video bytes received so far over all of the page's connections. */
function videoBytesReceived(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    let bytes = 0;
    for (const pc of window.haosPeerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') bytes += r.bytesReceived;
      });
    }
    return bytes;
  })()`);
}

/**
 * The width of the sender's top simulcast layer as it sends it now. 1280 on an idle machine; a
 * busy one makes the browser's encoder scale every layer down (CPU adaptation), so the top
 * layer is what "the full picture" means at that moment.
 */
function topSentWidth(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    let width = 0;
    for (const pc of window.haosPeerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r) => {
        if (r.type === 'outbound-rtp' && r.kind === 'video' && r.frameWidth > width)
          width = r.frameWidth;
      });
    }
    return width;
  })()`);
}

test('adaptive stream: a small tile gets a small layer, a large one the full picture, a hidden one nothing', async () => {
  const [ada, bo] = await Promise.all([personWithMic(), personWithMic()]);
  for (const page of [ada, bo]) {
    await page.addInitScript({ content: PC_RECORDER });
    await page.reload();
  }
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Layers Lab');
  await joinThroughInvite(bo, link);
  await joinGeneral(ada);
  await joinGeneral(bo);
  await turnOnCamera(ada);
  const picture = videoOf(bo, names.ada);
  await expectPlaying(picture);

  // Large: in the spotlight of a wide window, the top layer (1280×720 when the sender's CPU
  // allows it).
  await bo.setViewportSize({ width: 1600, height: 900 });
  await bo.getByRole('button', { name: `Focus ${names.ada}` }).click();
  const large = bo
    .getByRole('region', { name: `Spotlight: ${names.ada}` })
    .getByLabel(`Video of ${names.ada}`);
  let full = 0;
  await expect
    .poll(
      async () => {
        full = await topSentWidth(ada);
        return (await videoSize(large))[0] === full && full >= 640;
      },
      // The SFU moves up a layer as its bandwidth estimate for the receiver allows: quick on an
      // idle machine, slow when CPU starvation delays packets.
      { timeout: 90_000 },
    )
    .toBe(true);

  // Small: a narrow window's grid tile gets a lower simulcast layer.
  await bo.getByRole('button', { name: 'Back to grid' }).click();
  await bo.setViewportSize({ width: 520, height: 500 });
  await expect
    .poll(async () => (await videoSize(picture))[0], { timeout: 30_000 })
    .toBeLessThanOrEqual(full / 2);

  // Hidden: off in a text channel, no video arrives (while shown, it does); back in the call,
  // it plays again.
  await bo.setViewportSize({ width: 1280, height: 720 });
  const arriving = async () => {
    const start = await videoBytesReceived(bo);
    await bo.waitForTimeout(3_000);
    return (await videoBytesReceived(bo)) - start;
  };
  expect(await arriving()).toBeGreaterThan(20_000);
  await bo.getByRole('link', { name: 'general (text channel)' }).click();
  await expect(picture).toHaveCount(0);
  await bo.waitForTimeout(2_000);
  expect(await arriving()).toBeLessThan(5_000);
  await bo.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expectPlaying(picture);
});
