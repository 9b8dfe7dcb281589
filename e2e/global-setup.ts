import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type RunningStack } from '@haos/stack';
import { CHROMIUM } from './playwright.config';

export const STACK_FILE = path.resolve(import.meta.dirname, '..', '.haos', 'e2e-stack.json');

export interface E2EStack {
  urls: RunningStack['urls'];
  serverName: string;
}

/** Starts one isolated stack with the built web app; returns the teardown that stops it. */
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
  const info: E2EStack = { urls: stack.urls, serverName: stack.serverName };
  writeFileSync(STACK_FILE, JSON.stringify(info));
  return async () => {
    await stack.stop();
    await stack.remove();
  };
}
