import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '@haos/stack/testing/chromium';

export { CHROMIUM, CHROMIUM_ARGS };

/**
 * End-to-end tests in the system Chromium (Debian's `chromium`, never a downloaded browser) with
 * fake media devices, against an isolated stack the global setup starts on free ports.
 */
export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: '../.haos/e2e-results',
  use: {
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
});
