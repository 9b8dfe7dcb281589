import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in the system Chromium (Debian's `chromium`, never a downloaded browser) with
 * fake media devices, against an isolated stack the global setup starts on free ports.
 */
export const CHROMIUM = process.env.HAOS_CHROMIUM ?? '/usr/bin/chromium';

/** Chromium flags for every test browser: headless-friendly, fake camera and microphone. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

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
