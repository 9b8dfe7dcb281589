import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './testing/chromium.js';
import { startStack, type RunningStack } from './stack.js';
import { repoRoot, stateRoot } from './paths.js';
import { registerUser } from './testing/matrix-users.js';
import { isLoopback, listenersOf, processGroupMembers } from './testing/listeners.js';

/**
 * The development stack (`./haos start`: Vite dev server, Synapse, LiveKit, haos-server) keeps
 * its secrets: the dev server serves the web app and its dependencies and nothing else, the
 * state folder is its owner's alone, and nothing listens beyond loopback.
 */
let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack({
    name: `devsec-${process.pid}-${Date.now().toString(36)}`,
    ports: 'free',
    web: 'dev',
  });
  // Something in each store: an account (database), an upload (media store), logs.
  const user = await registerUser(stack.urls.synapse, `devsec${Date.now().toString(36)}`);
  const upload = await fetch(`${stack.urls.synapse}/_matrix/media/v3/upload?filename=a.txt`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': 'text/plain' },
    body: 'a file in the media store',
  });
  expect(upload.status).toBe(200);
}, 600_000);

afterAll(async () => {
  await stack?.stop();
  await stack?.remove();
});

const get = (pathname: string) => fetch(`${stack.urls.web}${pathname}`);

describe('the dev server', () => {
  it('still serves the app and its dependencies', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('/src/main.tsx');
    const main = await get('/src/main.tsx');
    expect(main.status).toBe(200);
    expect(await main.text()).toMatch(/import/);
    const dependency = await get(`/@fs${repoRoot}/node_modules/react/package.json`);
    expect(dependency.status).toBe(200);

    // In a browser: every module, the Rust crypto's WebAssembly and the worklets load, and a
    // person can register and reach the app.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const refused: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 403) refused.push(r.url());
      });
      await page.goto(stack.urls.web);
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByRole('textbox', { name: 'Username' }).fill(`dev${Date.now().toString(36)}`);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('navigation', { name: 'Servers' }).waitFor({ timeout: 120_000 });
      expect(refused).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('refuses the state folder, its secrets and anything outside the app (403)', async () => {
    const { registrationSharedSecret } = JSON.parse(
      readFileSync(path.join(stack.dir, 'secrets.json'), 'utf8'),
    ) as { registrationSharedSecret: string };
    const adminToken = readFileSync(path.join(stack.dir, 'admin-token'), 'utf8');
    const targets = [
      path.join(stack.dir, 'secrets.json'),
      path.join(stack.dir, 'admin-token'),
      path.join(stack.dir, 'livekit-secret'),
      path.join(stack.dir, 'livekit.yaml'),
      path.join(stack.dir, 'trusted-homeservers.json'),
      path.join(stack.dir, 'synapse', 'homeserver.yaml'),
      path.join(stack.dir, 'synapse', 'homeserver.db'),
      path.join(stack.dir, 'synapse', 'signing.key'),
      path.join(stack.dir, 'logs', 'synapse.log'),
      path.join(stateRoot(), 'e2e-stack.json'),
      // A file that is not there is refused the same way (not answered with the app's page).
      path.join(stack.dir, 'not-there.json'),
      path.join(repoRoot, 'package.json'),
      path.join(repoRoot, 'apps', 'server', 'src', 'config.ts'),
      '/etc/passwd',
    ];
    for (const target of targets) {
      for (const suffix of ['', '?raw', '?import&raw', '?url', '?import']) {
        const response = await get(`/@fs${target}${suffix}`);
        const body = await response.text();
        expect({ target, suffix, status: response.status }).toEqual({
          target,
          suffix,
          status: 403,
        });
        expect(body).not.toContain(registrationSharedSecret);
        expect(body).not.toContain(adminToken);
      }
    }
    // Relative escapes from the web root do not reach it either.
    const relative = path.relative(path.join(repoRoot, 'apps', 'web'), stack.dir);
    for (const suffix of ['', '?raw']) {
      const body = await (await get(`/${relative}/secrets.json${suffix}`)).text();
      expect(body).not.toContain(registrationSharedSecret);
    }
  });
});

describe('the state folder', () => {
  it("is its owner's alone: databases, logs, media, configs and secrets (dirs 0700, files 0600)", () => {
    const loose: string[] = [];
    const walk = (entry: string) => {
      const stat = lstatSync(entry);
      if (stat.isSymbolicLink()) return;
      if ((stat.mode & 0o077) !== 0)
        loose.push(`${path.relative(stack.dir, entry) || '.'} ${(stat.mode & 0o777).toString(8)}`);
      if (stat.isDirectory()) for (const child of readdirSync(entry)) walk(path.join(entry, child));
    };
    walk(stack.dir);
    const files = readdirSync(path.join(stack.dir, 'synapse', 'media_store'), {
      recursive: true,
    });
    expect(files.length).toBeGreaterThan(0);
    expect(loose).toEqual([]);
    expect(lstatSync(stateRoot()).mode & 0o077).toBe(0);
  });
});

describe('the listeners', () => {
  it('are all on loopback, for every process of the stack', () => {
    const pids = processGroupMembers(stack.services.map((s) => s.child.pid ?? 0));
    expect(pids.length).toBeGreaterThanOrEqual(stack.services.length);
    const listeners = listenersOf(pids);
    const names = new Map(stack.services.map((s) => [s.child.pid, s.name]));
    // Each service listens somewhere (so the check reads the right processes)…
    const ports = new Set(listeners.map((l) => l.port));
    for (const port of [
      stack.ports.web,
      stack.ports.synapse,
      stack.ports.server,
      stack.ports.livekit,
      stack.ports.livekitRtcUdp,
    ])
      expect(ports).toContain(port);
    // …and nowhere beyond loopback.
    const exposed = listeners
      .filter((l) => !isLoopback(l.address))
      .map((l) => `${names.get(l.pid) ?? l.pid} ${l.protocol} ${l.address}:${l.port}`);
    expect(exposed).toEqual([]);
  });
});
