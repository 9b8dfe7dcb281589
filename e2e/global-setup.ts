import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { startStack, type RunningStack } from '@haos/stack';
import { CHROMIUM } from './playwright.config';

export const STACK_FILE = path.resolve(import.meta.dirname, '..', '.haos', 'e2e-stack.json');

export interface E2EStack {
  urls: RunningStack['urls'];
  serverName: string;
  /** Loopback control endpoint for fault tests (stop/start Synapse or LiveKit), with its bearer token. */
  control: { url: string; token: string };
}

/**
 * Starts one isolated stack with the built web app, and a loopback control endpoint the tests
 * use to take Synapse or LiveKit away and bring them back. Returns the teardown that stops both.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set HAOS_CHROMIUM.`,
    );
  }
  const stack = await startStack({
    name: `e2e-${process.pid}-${Date.now().toString(36)}`,
    ports: 'free',
    web: 'dist',
    log: (line) => process.stdout.write(`[stack] ${line}\n`),
  });
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const control = createServer((req, res) => {
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (
      auth.length !== expected.length ||
      !timingSafeEqual(auth, expected) ||
      req.method !== 'POST'
    ) {
      res.writeHead(403).end();
      return;
    }
    const actions: Record<string, () => Promise<void>> = {
      '/synapse/stop': () => stack.stopSynapse(),
      '/synapse/start': () => stack.startSynapse(),
      '/livekit/stop': () => stack.stopLiveKit(),
      '/livekit/start': () => stack.startLiveKit(),
    };
    const action = actions[req.url ?? '']?.();
    if (!action) {
      res.writeHead(404).end();
      return;
    }
    action.then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const info: E2EStack = {
    urls: stack.urls,
    serverName: stack.serverName,
    control: { url: `http://127.0.0.1:${port}`, token },
  };
  writeFileSync(STACK_FILE, JSON.stringify(info), { mode: 0o600 });
  return async () => {
    control.close();
    await stack.stop();
    await stack.remove();
  };
}
