import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { registerThroughUi, startDirectThroughUi, unique } from '../helpers';
import {
  closeMicBrowsers,
  expectHears,
  HEARD_DB,
  peakWithin,
  personWithMic,
  SILENT_DB,
} from '../audio';
import { closedNotes, hide, notes, RECORDER } from '../desktop-notes';

// Each person's microphone plays their own pitch, so a listener can tell who they hear.
const PITCH = { ada: 1000, bo: 1500 } as const;
/**
 * A note of HAOS's ringtone (core/call/sounds.ts, played every 2 s while a call rings for you)
 * that no other sound cue uses.
 */
const RINGTONE_HZ = 659;

test.describe.configure({ timeout: 240_000 });

test.afterEach(closeMicBrowsers);

/**
 * Ada and Bo, each in their own browser with a microphone, share an encrypted DM that Ada
 * started. Bo's desktop notifications are recorded (see desktop-notes.ts); he waits on Home.
 */
async function dmPair(): Promise<{ ada: Page; bo: Page; adaName: string; boName: string }> {
  const [ada, bo] = await Promise.all([personWithMic(PITCH.ada), personWithMic(PITCH.bo)]);
  await bo.context().addInitScript({ content: RECORDER });
  await bo.context().grantPermissions(['notifications']);
  await bo.reload();
  const adaName = unique('ada');
  const boName = unique('bo');
  await Promise.all([registerThroughUi(ada, adaName), registerThroughUi(bo, boName)]);
  await startDirectThroughUi(ada, boName);
  await bo.getByRole('link', { name: 'Home' }).click();
  const invite = bo.getByRole('listitem', { name: /^Invite to / });
  await invite.getByRole('button', { name: 'Accept' }).click({ timeout: 30_000 });
  await expect(bo.getByLabel('End-to-end encrypted')).toBeVisible({ timeout: 20_000 });
  await bo.getByRole('link', { name: 'Home' }).click();
  return { ada, bo, adaName, boName };
}

const prompt = (page: Page, text: string) => page.getByRole('alertdialog', { name: text });
const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
/** The call shown above a DM's messages. */
const callArea = (page: Page) => page.getByRole('region', { name: 'Call' });

test('a DM call rings the other person, with a desktop notification while hidden; they accept and hear each other', async () => {
  const { ada, bo, adaName, boName } = await dmPair();
  await hide(bo, true);

  await ada.getByRole('button', { name: 'Start voice call' }).click();
  await expect(notice(ada, `Calling ${boName}…`)).toBeVisible({ timeout: 30_000 });

  // Bo, elsewhere in the app with the tab hidden, is rung: the prompt, and a desktop notification.
  const ringing = prompt(bo, `Incoming voice call from ${adaName}`);
  await expect(ringing).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => notes(bo), { timeout: 10_000 })
    .toContainEqual({
      title: `Incoming voice call from ${adaName}`,
      body: `${adaName} is calling you.`,
    });

  // The ringtone plays while it rings, and stops once answered.
  expect(await peakWithin(bo, RINGTONE_HZ, 2500)).toBeGreaterThan(HEARD_DB);

  await hide(bo, false);
  await ringing.getByRole('button', { name: 'Accept' }).click();
  await expect(ringing).toHaveCount(0);
  // Answered: the desktop notification is taken away too.
  expect(await closedNotes(bo)).toEqual([`Incoming voice call from ${adaName}`]);
  await expect
    .poll(() => peakWithin(bo, RINGTONE_HZ, 2500), { timeout: 10_000 })
    .toBeLessThan(SILENT_DB);
  // Answered: Ada's "Calling…" goes, and each hears the other.
  await expect(notice(ada, `Calling ${boName}…`)).toHaveCount(0, { timeout: 30_000 });
  await expectHears(ada, PITCH.bo, 40_000);
  await expectHears(bo, PITCH.ada, 40_000);
  await expect(notice(bo, 'Missed')).toHaveCount(0);
  // The voice panel says who the call is with, and leads back to the DM.
  await expect(
    ada
      .getByRole('region', { name: 'Voice connection' })
      .getByRole('link', { name: `Call with ${boName}` }),
  ).toBeVisible();
});

test('a declined DM call ends for the caller; one the caller gives up on, or nobody answers, is missed', async () => {
  const { ada, bo, adaName, boName } = await dmPair();

  // Bo declines: Ada is told, and her call ends.
  await ada.getByRole('button', { name: 'Start voice call' }).click();
  const ringing = prompt(bo, `Incoming voice call from ${adaName}`);
  await expect(ringing).toBeVisible({ timeout: 30_000 });
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect(ringing).toHaveCount(0);
  await expect(notice(ada, `${boName} declined the call`)).toBeVisible({ timeout: 30_000 });
  await expect(callArea(ada)).toHaveCount(0, { timeout: 20_000 });
  await expect(ada.getByRole('button', { name: 'Start voice call' })).toBeVisible();
  await notice(ada, `${boName} declined the call`).getByRole('button', { name: 'Dismiss' }).click();

  // Ada hangs up before Bo answers: his ringing stops, and it shows as a missed call.
  await ada.getByRole('button', { name: 'Start voice call' }).click();
  await expect(prompt(bo, `Incoming voice call from ${adaName}`)).toBeVisible({ timeout: 30_000 });
  await callArea(ada).getByRole('button', { name: 'Disconnect' }).click();
  await expect(prompt(bo, `Incoming voice call from ${adaName}`)).toHaveCount(0, {
    timeout: 20_000,
  });
  const missedVoice = notice(bo, `Missed voice call from ${adaName}`);
  await expect(missedVoice).toBeVisible();
  await missedVoice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(callArea(ada)).toHaveCount(0, { timeout: 20_000 });

  // A video call nobody answers: after its 30 s lifetime Ada sees "No answer" and her call
  // ends; Bo's ringing stops and the call shows as missed.
  await ada.getByRole('button', { name: 'Start video call' }).click();
  await expect(ada.getByRole('button', { name: 'Turn off camera' })).toBeVisible({
    timeout: 30_000,
  });
  const videoRing = prompt(bo, `Incoming video call from ${adaName}`);
  await expect(videoRing).toBeVisible({ timeout: 30_000 });
  await expect(notice(ada, `No answer from ${boName}`)).toBeVisible({ timeout: 45_000 });
  await expect(callArea(ada)).toHaveCount(0, { timeout: 20_000 });
  await expect(videoRing).toHaveCount(0, { timeout: 10_000 });
  await expect(notice(bo, `Missed video call from ${adaName}`)).toBeVisible();

  // The DM's timeline keeps the story, each side in its own words: one declined, two missed.
  await bo.getByRole('link', { name: /\(direct message\)/ }).click();
  const callLine = (page: Page, text: string) =>
    page
      .getByRole('list', { name: 'Messages' })
      .getByRole('listitem', { name: `Call: ${text}`, exact: true });
  await expect(callLine(ada, `${boName} declined the call`)).toHaveCount(1, { timeout: 20_000 });
  await expect(callLine(ada, `${boName} didn't answer`)).toHaveCount(2, { timeout: 20_000 });
  await expect(callLine(bo, `You declined the call from ${adaName}`)).toHaveCount(1, {
    timeout: 20_000,
  });
  await expect(callLine(bo, `Missed call from ${adaName}`)).toHaveCount(2, { timeout: 20_000 });
});
