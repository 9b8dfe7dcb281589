import { defineConfig } from 'vitest/config';

/** Unit tests: beside the code, no servers. Integration tests (*.int.test.ts) have their own config. */
export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/src/**/*.test.tsx',
      'apps/*/test/**/*.test.ts',
      'stack/src/**/*.test.ts',
    ],
    exclude: ['**/*.int.test.ts', '**/node_modules/**'],
    environment: 'node',
  },
});
