import { test as base, type Browser, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';

/** One `securitypolicyviolation` event, as a page saw it. */
export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
  disposition: string;
  /** The document that reported it (a frame's or a worker-less tab's own address). */
  document: string;
}

/**
 * Reports every CSP violation of every page and frame in a context to the test. The listener is
 * an init script, so it is in place before the app's first script runs, in every tab (blob:
 * addresses opened in a new tab included).
 */
async function collectCspViolations(context: BrowserContext, into: CspViolation[]) {
  await context.exposeBinding('__haosCspViolation', ({ page }, violation: CspViolation) => {
    into.push({ ...violation, page: page.url() });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __haosCspViolation?: (v: unknown) => unknown })
        .__haosCspViolation;
      void report?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
        disposition: e.disposition,
        document: location.href,
      });
    });
  });
}

/**
 * The violations that are the sanitizer doing its job on hostile input, and only those.
 * DOMPurify parses a message's HTML with the page's DOMParser, and Chromium holds what it parses
 * to the page's CSP: a hostile `onerror=` or `<style>` in a message is refused, and reported,
 * while it is parsed, before DOMPurify drops it. Such a report is recognised by all of:
 * - it is about inline code or style (blocked "inline"; script-src-attr, script-src-elem,
 *   style-src-attr or style-src-elem), the only things parsing can trip over;
 * - it was raised by the module that holds the sanitizer and nothing else that touches the DOM:
 *   the lazily loaded FormattedBody chunk of the built app (`/assets/FormattedBody-<hash>.js`),
 *   or DOMPurify's own module under the dev server.
 * Rendering the sanitized result is React's work (the main chunk), so an inline handler or style
 * that survived sanitizing would be reported from there and fail the test, as would anything the
 * app itself does that its CSP forbids.
 */
const SANITIZER_DIRECTIVES = new Set([
  'script-src-attr',
  'script-src-elem',
  'style-src-attr',
  'style-src-elem',
]);
const SANITIZER_SOURCE =
  /^https?:\/\/[^/]+\/(assets\/FormattedBody-[\w-]+\.js|node_modules\/\.vite\/deps\/dompurify\.js(\?.*)?)$/;
export const fromSanitizer = (v: CspViolation): boolean =>
  v.blocked === 'inline' &&
  SANITIZER_DIRECTIVES.has(v.directive) &&
  SANITIZER_SOURCE.test(v.source);

/**
 * Playwright's `test`, plus two rules for every test:
 * - every browser window (context) a test opens on the shared browser is closed when the test
 *   ends; otherwise each person's app keeps syncing through the rest of the run and slows every
 *   later test;
 * - a Content-Security-Policy violation reported by any page the test opened fails the test
 *   (except those `fromSanitizer` names).
 */
export const test = base.extend<{ closeContexts: void; cspViolations: CspViolation[] }>({
  cspViolations: [
    async ({ browser }, use) => {
      const violations: CspViolation[] = [];
      const newContext = browser.newContext.bind(browser);
      const patched: Browser['newContext'] = async (options) => {
        const context = await newContext(options);
        await collectCspViolations(context, violations);
        return context;
      };
      browser.newContext = patched;
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = violations.filter((v) => !fromSanitizer(v));
      if (unexpected.length > 0)
        throw new Error(
          `Content-Security-Policy violations:\n${unexpected.map((v) => JSON.stringify(v)).join('\n')}`,
        );
    },
    { auto: true },
  ],
  closeContexts: [
    async ({ browser }, use) => {
      await use();
      await Promise.all(browser.contexts().map((context) => context.close().catch(() => {})));
    },
    { auto: true },
  ],
});
