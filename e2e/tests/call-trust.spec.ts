import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createServerThroughUi, joinThroughInvite, registerThroughUi, unique } from '../helpers';
import { closeMicBrowsers, expectHears, peakWithin, personWithMic, SILENT_DB } from '../audio';
import { Lurker } from '../lurker';
import { e2eStack } from '../stack';

// Each one's microphone plays their own pitch, so a listener can tell who they hear.
const PITCH = { ada: 1000, bo: 1500, lurker: 2200 } as const;

test.describe.configure({ timeout: 240_000 });

const lurkers: Lurker[] = [];
test.afterEach(async () => {
  await Promise.all(lurkers.splice(0).map((l) => l.close()));
  await closeMicBrowsers();
});

const sidebarIn = (page: Page, channel = 'General') =>
  page.getByRole('list', { name: `In ${channel}` }).getByRole('listitem');

/** The room ID of the channel a page shows (its URL's last part). */
const shownRoomId = (page: Page) =>
  decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');

async function joinGeneral(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^General \(voice channel\)/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
    timeout: 45_000,
  });
}

test('someone connected to the call without joining it is not heard and is shown as listening without joining, until they join', async () => {
  const ada = await personWithMic(PITCH.ada);
  await registerThroughUi(ada, unique('ada'));
  const link = await createServerThroughUi(ada, 'Lurk Lab');
  const spaceId = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
  await joinGeneral(ada);

  // A member of the server takes a LiveKit token and connects, playing a tone, without a call
  // membership (what a hostile or broken client can do: the token only needs room membership).
  const name = unique('lurker');
  const lurker = await Lurker.connect(spaceId, shownRoomId(ada), PITCH.lurker, name);
  lurkers.push(lurker);
  // Their tone is published and reaches the SFU, but Ada never receives or plays it.
  expect(await peakWithin(ada, PITCH.lurker, 8_000)).toBeLessThan(SILENT_DB);
  const stage = ada.getByRole('region', { name: 'General (voice channel)' });
  const listed = stage
    .getByRole('list', { name: 'Listening without joining' })
    .getByRole('listitem', { name: `${name}, listening without joining, not heard` });
  await expect(listed).toBeVisible({ timeout: 30_000 });
  // The sidebar says so too, under the channel, for the people in the call.
  await expect(
    ada
      .getByRole('complementary', { name: 'Channels' })
      .getByRole('listitem', { name: `${name}, listening without joining, not heard` }),
  ).toBeVisible();
  expect(await peakWithin(ada, PITCH.lurker, 2_000)).toBeLessThan(SILENT_DB);
  // Not counted as in the call either.
  await expect(sidebarIn(ada)).toHaveCount(1);

  // They send a proper call membership: now they are in the call, listed and heard.
  await lurker.join();
  await expect(sidebarIn(ada)).toHaveCount(2, { timeout: 20_000 });
  await expectHears(ada, PITCH.lurker, 30_000);
  await expect(listed).toHaveCount(0);
});

test('HAOS hands its delayed leave to the token service, and a member whose heartbeats run late (a starved tab) stays in the call: no leave, no rejoin, still heard', async () => {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  const names = { ada: unique('ada'), bo: unique('bo') };
  await Promise.all([registerThroughUi(ada, names.ada), registerThroughUi(bo, names.bo)]);
  const link = await createServerThroughUi(ada, 'Slow Lab');
  await joinThroughInvite(bo, link);
  // Bo's token requests: once his membership's delayed leave exists, he hands it to the token
  // service (lk-jwt-service's delegation fields, as Element Call sends them).
  const delegations: Record<string, unknown>[] = [];
  bo.on('request', (request) => {
    if (!request.url().endsWith('/sfu/get')) return;
    const body = request.postDataJSON() as Record<string, unknown> | null;
    if (body && 'delay_id' in body) delegations.push(body);
  });
  await joinGeneral(ada);
  await joinGeneral(bo);
  await expect.poll(() => delegations.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(delegations[0]).toMatchObject({
    room: shownRoomId(bo),
    delay_id: expect.any(String),
    delay_timeout: 15_000,
    delay_cs_api_url: expect.stringContaining(new URL(e2eStack().urls.synapse).host),
  });
  await expect(sidebarIn(ada)).toHaveCount(2, { timeout: 20_000 });
  await expectHears(ada, PITCH.bo, 30_000);

  // From the next heartbeat on, Bo's restarts of his delayed leave event (MSC4140) reach the
  // homeserver only 10 s late: more than the SDK's default 8 s delay, as a tab starved of CPU
  // sends them.
  const LATE_MS = 10_000;
  let lateUntil: number | undefined;
  let onLate: () => void = () => undefined;
  const late = new Promise<void>((resolve) => (onLate = resolve));
  let armed = false;
  await bo.route('**/org.matrix.msc4140/delayed_events/**', async (route) => {
    if (armed && lateUntil === undefined) {
      await route.continue();
      lateUntil = Date.now() + LATE_MS;
      onLate();
      return;
    }
    const wait = (lateUntil ?? 0) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await route.continue();
  });
  armed = true;
  await late;

  // All that time and a little after, Ada sees Bo in the call without a break.
  const watchUntil = (lateUntil ?? Date.now()) + 5_000;
  while (Date.now() < watchUntil) {
    expect(await sidebarIn(ada).filter({ hasText: names.bo }).count()).toBe(1);
    await ada.waitForTimeout(250);
  }
  await expectHears(ada, PITCH.bo, 20_000);
});
