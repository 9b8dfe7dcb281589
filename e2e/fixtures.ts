import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * Playwright's `test`, plus one rule: every browser window (context) a test opens on the shared
 * browser is closed when the test ends. Otherwise each person's app keeps syncing through the
 * rest of the run and slows every later test.
 */
export const test = base.extend<{ closeContexts: void }>({
  closeContexts: [
    async ({ browser }, use) => {
      await use();
      await Promise.all(browser.contexts().map((context) => context.close().catch(() => {})));
    },
    { auto: true },
  ],
});
