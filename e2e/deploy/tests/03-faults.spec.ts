import { expect, test, type Page } from '@playwright/test';
import { expectHears, HEARD_DB, heard } from '../../audio';
import { createServerThroughUi, joinThroughInvite } from '../../helpers';
import { closeDeployBrowsers, control, deployPerson, participantsPerNode } from '../deployment';
import { joinVoice, signUp, unique } from '../ui';

const PITCH = { ada: 1000, bo: 1500 } as const;

test.describe.configure({ mode: 'serial' });
test.afterAll(closeDeployBrowsers);

let ada: Page;
let bo: Page;

/** The node hosting the call: the one with both participants. */
async function hostNode(): Promise<number> {
  let index = -1;
  await expect
    .poll(async () => {
      const counts = await participantsPerNode();
      index = counts.findIndex((n) => (n ?? 0) >= 2);
      return index;
    })
    .toBeGreaterThanOrEqual(0);
  return index;
}

const bothHear = () =>
  Promise.all([heard(ada, PITCH.bo), heard(bo, PITCH.ada)]).then((l) => Math.min(...l));

test('two people in a call', async () => {
  [ada, bo] = await Promise.all([deployPerson(PITCH.ada), deployPerson(PITCH.bo)]);
  await Promise.all([signUp(ada, unique('ada')), signUp(bo, unique('bo'))]);
  await joinThroughInvite(bo, await createServerThroughUi(ada, 'Faults'));
  await Promise.all([joinVoice(ada), joinVoice(bo)]);
  await Promise.all([expectHears(ada, PITCH.bo, 45_000), expectHears(bo, PITCH.ada, 45_000)]);
});

test('the LiveKit node hosting the room is killed: both hear each other again by themselves (target 10 s, figure printed)', async () => {
  const node = await hostNode();
  const other = 1 - node;
  const killed = Date.now();
  await control(`livekit/${node}/kill`);
  // No clicks: the clients reconnect through the load-balanced URL, the room moves to the other
  // node, and both hear each other there (a decoder playing out its last audio does not count).
  await expect
    .poll(
      async () =>
        ((await participantsPerNode())[other] ?? 0) >= 2 ? bothHear() : Promise.resolve(-200),
      // The target is 10 s (the figure is printed, and measured in bench/ deploy); the test
      // itself only waits for the state, so a slow machine gives a slow pass.
      { timeout: 60_000, intervals: [100] },
    )
    .toBeGreaterThan(HEARD_DB);
  const seconds = (Date.now() - killed) / 1000;
  test
    .info()
    .annotations.push({ type: 'audio back after node kill (s)', description: seconds.toFixed(1) });
  process.stdout.write(
    `[deploy] audio back ${seconds.toFixed(1)} s after the LiveKit node was killed\n`,
  );
  expect(await hostNode()).not.toBe(node);
  await control(`livekit/${node}/start`);
});

// Known gap: after SIGTERM the call was no longer heard within 5 s here (DEPLOYMENT.md saw it go
// on); not yet understood.
test('a node sent SIGTERM drains: the call goes on until it is left, then the node exits', async () => {
  const node = await hostNode();
  await control(`livekit/${node}/term`);
  // Draining: the node keeps running and the call goes on.
  for (let i = 0; i < 5; i++) {
    await expect.poll(bothHear, { timeout: 5_000 }).toBeGreaterThan(HEARD_DB);
    expect(await control<boolean>(`livekit/${node}/alive`)).toBe(true);
    await ada.waitForTimeout(1000);
  }
  await Promise.all(
    [ada, bo].map((p) => p.getByRole('button', { name: 'Disconnect' }).first().click()),
  );
  await control(`livekit/${node}/exited`);
  await control(`livekit/${node}/start`);
});

// Known gap: with worker 1 killed, the sends went to worker 2 (its access log has them), but the
// messages did not all show on both screens within the test's 3 minutes; not yet understood
// (a client's /sync stuck behind the dead worker is the first suspect).
test('a Synapse worker is killed: messages keep flowing and none is lost', async () => {
  const general = (p: Page) => p.getByRole('link', { name: 'general (text channel)' });
  await Promise.all([general(ada).click(), general(bo).click()]);
  const sent: string[] = [];
  const say = async (page: Page, text: string) => {
    sent.push(text);
    const box = page.getByRole('textbox', { name: /Message #general/ });
    await box.fill(text);
    await box.press('Enter');
  };
  for (let worker = 0; worker < 2; worker++) {
    await say(ada, `before kill ${worker} from ada`);
    await control(`worker/${worker}/kill`);
    for (let i = 0; i < 3; i++) {
      await say(ada, `worker ${worker} down, ada ${i}`);
      await say(bo, `worker ${worker} down, bo ${i}`);
    }
    for (const page of [ada, bo])
      for (const text of sent)
        await expect(page.getByText(text, { exact: true })).toBeVisible({ timeout: 30_000 });
    await control(`worker/${worker}/start`);
  }
});
