import { readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';
import { installHearingProbe, toneFile } from '../audio';

export const DEPLOY_FILE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '.haos',
  'deploy-test.json',
);

export interface DeployInfo {
  origin: string;
  domain: string;
  /** The test-only address the deployment's public ports listen on. */
  address: string;
  netns: string;
  caFile: string;
  chromiumArgs: string[];
  registrationToken: string;
  adminToken: string;
  livekit: { apiKey: string; apiSecret: string };
  livekitPrometheus: number[];
  synapseMain: string;
  /** Each haos-server replica's own loopback address (behind the proxy). */
  haosReplicas: string[];
  /** The proxy's loopback pool in front of them (LiveKit webhooks, Synapse transactions). */
  haosPool: string;
  dir: string;
  figures: { bringUpSeconds: number; imageBuildSeconds: number };
  control: { url: string; token: string };
}

export const deployment = (): DeployInfo =>
  JSON.parse(readFileSync(DEPLOY_FILE, 'utf8')) as DeployInfo;

/** Asks the global setup to act on a service (kill or start a LiveKit node, a Synapse worker…). */
export async function control<T = unknown>(action: string): Promise<T> {
  const { control } = deployment();
  const response = await fetch(`${control.url}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${control.token}` },
  });
  if (!response.ok) throw new Error(`${action}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * An HTTPS request to the deployment as an outside client makes it: its names resolved to the
 * deployment's address, its certificate checked against the test CA.
 */
export function https(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  const info = deployment();
  const ca = readFileSync(info.caFile);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        ca,
        lookup: (_host, _options, callback) =>
          callback(null, [{ address: info.address, family: 4 }]),
        timeout: 20_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: <T>() => JSON.parse(body) as T,
          }),
        );
      },
    );
    req.once('error', reject);
    req.once('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.end(init.body);
  });
}

const launched: Browser[] = [];

/**
 * A person in their own Chromium, its microphone playing a tone, the test names mapped to the
 * deployment and its certificate trusted; optionally inside the UDP-hostile network namespace.
 */
export async function deployPerson(
  pitch: number,
  options: { netns?: boolean } = {},
): Promise<Page> {
  const info = deployment();
  let executablePath = CHROMIUM;
  if (options.netns) {
    executablePath = path.join(info.dir, 'chromium-in-netns.sh');
    writeFileSync(executablePath, `#!/bin/sh\nexec ip netns exec ${info.netns} ${CHROMIUM} "$@"\n`);
    chmodSync(executablePath, 0o755);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      ...info.chromiumArgs,
      '--autoplay-policy=no-user-gesture-required',
      `--use-file-for-fake-audio-capture=${toneFile(pitch)}`,
    ],
  });
  launched.push(browser);
  const page = await (await browser.newContext()).newPage();
  await installHearingProbe(page);
  await page.goto(info.origin);
  return page;
}

export async function closeDeployBrowsers(): Promise<void> {
  await Promise.all(launched.splice(0).map((b) => b.close()));
}

/** The password every test account uses: it meets the deployment's password policy. */
export const PASSWORD = 'Correct-Horse-42';

/** Participants each LiveKit node hosts right now (its Prometheus gauge); undefined: node down. */
export async function participantsPerNode(): Promise<(number | undefined)[]> {
  return Promise.all(
    deployment().livekitPrometheus.map(async (port) => {
      try {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const line = /^livekit_participant_total\{[^}]*\} (\S+)$/m.exec(text);
        return line ? Number(line[1]) : 0;
      } catch {
        return undefined;
      }
    }),
  );
}
