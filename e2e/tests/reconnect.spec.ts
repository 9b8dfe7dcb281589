import { expect, test } from '../fixtures';
import { controlSynapse } from '../stack';
import { createServerThroughUi, openApp, registerThroughUi, unique } from '../helpers';

test('when the homeserver restarts mid-session, a banner shows and the client recovers by itself', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await openApp(browser);
  await registerThroughUi(page, unique('rita'));
  await createServerThroughUi(page, 'Restart Club');
  const banner = page
    .getByRole('status')
    .filter({ hasText: /Connection to the homeserver lost|Offline/ });

  await controlSynapse('stop');
  try {
    await expect(banner).toBeVisible({ timeout: 60_000 });
  } finally {
    await controlSynapse('start');
  }
  await expect(banner).toBeHidden({ timeout: 60_000 });

  const box = page.getByRole('textbox', { name: 'Message #general' });
  await box.fill('after the restart');
  await box.press('Enter');
  await expect(page.getByRole('listitem', { name: /after the restart/ })).toHaveAttribute(
    'data-status',
    'sent',
    { timeout: 30_000 },
  );
});
