import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';

/**
 * The deployment test: the production topology (`./haos deploy init` output, run for real:
 * PostgreSQL, Redis, Synapse main + 2 workers, 2 LiveKit nodes, the haos image under podman,
 * nginx on 443 of a test-only address), brought up once by the global setup and torn down after.
 * The specs run in order: the later ones kill nodes and restart everything. The last one
 * (07-compose) runs the generated compose.yaml with podman-compose, a deployment of its own.
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: '../../.haos/deploy-results',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
