import { expect, test, type Page } from '@playwright/test';
import { expectHears } from '../../audio';
import { createServerThroughUi, joinThroughInvite } from '../../helpers';
import { closeDeployBrowsers, deployPerson } from '../deployment';
import { joinVoice, recordPeerConnections, selectedCandidates, signUp, unique } from '../ui';

const PITCH = { ada: 1000, bo: 1500, cy: 2200 } as const;

test.describe.configure({ mode: 'serial' });
test.afterAll(closeDeployBrowsers);

let ada: Page;
let bo: Page;
let invite: string;

async function person(pitch: number, netns = false): Promise<Page> {
  const page = await deployPerson(pitch, { netns });
  await recordPeerConnections(page);
  await page.reload();
  return page;
}

test('two people sign up over HTTPS, create a server, join its voice channel and hear each other', async () => {
  [ada, bo] = await Promise.all([person(PITCH.ada), person(PITCH.bo)]);
  await Promise.all([signUp(ada, unique('ada')), signUp(bo, unique('bo'))]);
  invite = await createServerThroughUi(ada, 'Deployed');
  expect(invite).toMatch(/^https:\/\/haos\.test\//);
  await joinThroughInvite(bo, invite);
  await Promise.all([joinVoice(ada), joinVoice(bo)]);
  await Promise.all([expectHears(ada, PITCH.bo, 45_000), expectHears(bo, PITCH.ada, 45_000)]);
});

async function setRelayOnly(page: Page, on: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Voice settings' }).first().click();
  const box = page.getByRole('checkbox', { name: 'Always relay calls through the server' });
  if (on) await box.check();
  else await box.uncheck();
  await page.keyboard.press('Escape');
}

async function rejoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Disconnect' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toHaveCount(0);
  await joinVoice(page);
}

test('the same call relay-only ("Always relay calls through the server"): media through TURN', async () => {
  await Promise.all([setRelayOnly(ada, true), setRelayOnly(bo, true)]);
  await Promise.all([rejoin(ada), rejoin(bo)]);
  await Promise.all([expectHears(ada, PITCH.bo, 45_000), expectHears(bo, PITCH.ada, 45_000)]);
  for (const page of [ada, bo]) {
    const selected = await selectedCandidates(page);
    expect(selected.length).toBeGreaterThan(0);
    for (const c of selected) expect(c.candidateType).toBe('relay');
  }
  await Promise.all([setRelayOnly(ada, false), setRelayOnly(bo, false)]);
});

test('from a network where all UDP and every TCP port but 443 are dropped, a call works over TURN/TLS', async () => {
  const cy = await person(PITCH.cy, true);
  await signUp(cy, unique('cy'));
  await joinThroughInvite(cy, invite);
  await joinVoice(cy);
  await Promise.all([expectHears(cy, PITCH.ada, 60_000), expectHears(ada, PITCH.cy, 60_000)]);
  const selected = await selectedCandidates(cy);
  expect(selected.length).toBeGreaterThan(0);
  for (const c of selected)
    expect(c).toMatchObject({ candidateType: 'relay', relayProtocol: 'tls' });
});
