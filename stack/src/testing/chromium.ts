/**
 * The browser for end-to-end tests and benchmarks: Debian's Chromium (never a downloaded one),
 * headless-friendly, with a fake camera and microphone.
 */
export const CHROMIUM = process.env.HAOS_CHROMIUM ?? '/usr/bin/chromium';

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
