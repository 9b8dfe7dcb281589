import { expect, type Page } from '@playwright/test';
import { deployment, PASSWORD } from './deployment';

export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** Signs up through the web app over HTTPS, with the deployment's registration token. */
export async function signUp(
  page: Page,
  username: string,
  registrationToken = deployment().registrationToken,
): Promise<void> {
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('textbox', { name: /Registration token/ }).fill(registrationToken);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 60_000 });
}

export const voiceChannel = (page: Page) =>
  page.getByRole('link', { name: /^General \(voice channel\)/ });

export async function joinVoice(page: Page): Promise<void> {
  await voiceChannel(page).click();
  await expect(page.getByRole('status').filter({ hasText: 'Voice connected' })).toBeVisible({
    timeout: 60_000,
  });
}

/**
 * Records every RTCPeerConnection the page makes, so a test can read which ICE candidate pair
 * carries the media (relay or not, over UDP or TLS).
 */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { haosPcs: RTCPeerConnection[] }).haosPcs = all;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    };
  });
}

/** The local candidates of the selected pairs of the page's live peer connections. */
export function selectedCandidates(
  page: Page,
): Promise<{ candidateType: string; relayProtocol?: string; protocol: string }[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { haosPcs: RTCPeerConnection[] }).haosPcs ?? [];
    const found: { candidateType: string; relayProtocol?: string; protocol: string }[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, string | undefined>>();
      type Stat = Record<string, string | undefined>;
      stats.forEach((s: Stat) => byId.set(s.id ?? '', s));
      stats.forEach((s: Stat) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId);
        const local = pair ? byId.get(pair.localCandidateId ?? '') : undefined;
        if (local)
          found.push({
            candidateType: local.candidateType ?? '',
            protocol: local.protocol ?? '',
            ...(local.relayProtocol ? { relayProtocol: local.relayProtocol } : {}),
          });
      });
    }
    return found;
  });
}
