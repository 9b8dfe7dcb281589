import { expect, fromSanitizer, test, type CspViolation } from '../fixtures';
import { openApp } from '../helpers';

test('the e2e fixture sees a CSP violation in any page: an inline script and an inline style the app never uses', async ({
  browser,
  cspViolations,
}) => {
  const page = await openApp(browser);
  await expect(page.getByRole('heading', { name: 'Welcome back!' })).toBeVisible();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = 1';
    document.body.append(script);
    const div = document.createElement('div');
    div.setAttribute('style', 'color: red');
    document.body.append(div);
  });
  await expect
    .poll(() => cspViolations.map((v) => v.directive).sort())
    .toEqual(['script-src-elem', 'style-src-attr']);
  expect(await page.evaluate(() => (window as { __inline?: number }).__inline)).toBeUndefined();
  // Seen and checked here; the fixture's own rule would otherwise fail this test.
  cspViolations.length = 0;
});

test('only the sanitizer parsing hostile input is excused, by directive and by the module that raised it', () => {
  const base: CspViolation = {
    page: 'http://127.0.0.1:5173/channels/@me/!r',
    document: 'http://127.0.0.1:5173/channels/@me/!r',
    directive: 'script-src-attr',
    blocked: 'inline',
    source: 'http://127.0.0.1:5173/assets/FormattedBody-JY8pH4aS.js',
    line: 2,
    sample: '',
    disposition: 'enforce',
  };
  expect(fromSanitizer(base)).toBe(true);
  expect(fromSanitizer({ ...base, directive: 'style-src-elem' })).toBe(true);
  expect(
    fromSanitizer({
      ...base,
      source: 'http://127.0.0.1:5173/node_modules/.vite/deps/dompurify.js?v=1',
    }),
  ).toBe(true);
  // The app's own code (rendering what the sanitizer let through included), or a load it tries.
  expect(fromSanitizer({ ...base, source: 'http://127.0.0.1:5173/assets/index-Cu4RUSWq.js' })).toBe(
    false,
  );
  expect(fromSanitizer({ ...base, source: '' })).toBe(false);
  expect(
    fromSanitizer({ ...base, directive: 'connect-src', blocked: 'https://evil.example/' }),
  ).toBe(false);
  expect(
    fromSanitizer({ ...base, directive: 'img-src', blocked: 'http://evil.example/x.png' }),
  ).toBe(false);
});
