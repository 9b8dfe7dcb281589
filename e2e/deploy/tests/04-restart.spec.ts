import { expect, test } from '@playwright/test';
import { createChannelThroughUi, createServerThroughUi } from '../../helpers';
import { closeDeployBrowsers, control, deployPerson, PASSWORD } from '../deployment';
import { signUp, unique } from '../ui';

test.afterAll(closeDeployBrowsers);

test('everything stopped and started again: the server, its channels and messages are still there', async () => {
  const name = unique('ada');
  const ada = await deployPerson(1000);
  await signUp(ada, name);
  await createServerThroughUi(ada, 'Lasting');
  await createChannelThroughUi(ada, 'plans');
  const box = ada.getByRole('textbox', { name: /Message #plans/ });
  await box.fill('kept in PostgreSQL');
  await box.press('Enter');
  await expect(ada.getByText('kept in PostgreSQL', { exact: true })).toBeVisible();
  await ada.context().close();

  // Every service stopped (the haos container too) and started again on the same data.
  await control('all/0/restart');

  // A fresh browser signs in: all it shows comes from the restarted deployment.
  const again = await deployPerson(1000);
  await again.getByRole('textbox', { name: 'Username' }).fill(name);
  await again.getByLabel('Password').fill(PASSWORD);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.getByRole('navigation', { name: 'Servers' })).toBeVisible({ timeout: 60_000 });
  await again.getByRole('link', { name: 'Lasting' }).click();
  await again.getByRole('link', { name: 'plans (text channel)' }).click();
  await expect(again.getByText('kept in PostgreSQL', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
});
