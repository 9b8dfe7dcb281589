import { defineConfig } from 'vitest/config';

/**
 * Integration tests against a real, isolated stack (Synapse, LiveKit, haos-server on free
 * loopback ports), started once by the global setup and stopped after.
 */
export default defineConfig({
  test: {
    include: ['apps/*/test/**/*.int.test.ts', 'stack/src/**/*.int.test.ts'],
    globalSetup: ['stack/test/integration-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
