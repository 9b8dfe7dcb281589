import { expect, test } from '../fixtures';
import { createRoom, matrixRequest, registerUser } from '@haos/stack';
import { sendRaw } from '../hostile';
import { openApp, registerThroughUi, unique } from '../helpers';
import { e2eStack } from '../stack';

const html = (formatted_body: string, body = formatted_body) => ({
  msgtype: 'm.text',
  body,
  format: 'org.matrix.custom.html',
  formatted_body,
});

test("what a message can look like: links look like links and say where they really go, no borrowed tooltips, no HTML outside the message's row, and the composer never sends a script link", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const hs = e2eStack().urls.synapse;
  const victim = await openApp(browser);
  const victimName = unique('vic');
  await registerThroughUi(victim, victimName);
  const attacker = await registerUser(hs, unique('mallory'));
  const roomId = await createRoom(hs, attacker, {
    name: 'Support',
    invite: [`@${victimName}:${e2eStack().serverName}`],
  });
  await sendRaw(
    hs,
    attacker,
    roomId,
    html('Log in at <a href="https://evil.invalid/login">https://bank.example</a> now', 'Log in'),
  );
  await sendRaw(
    hs,
    attacker,
    roomId,
    html(
      '<a href="https://bank.example/help" title="HAOS security: your session expired, sign in at evil.invalid" aria-label="HAOS verified link" data-haos="x">help</a>',
      'help',
    ),
  );
  await sendRaw(
    hs,
    attacker,
    roomId,
    html(
      '<div style="position:fixed;inset:0;z-index:9999;background:#f00" class="fixed inset-0 z-50">COVER</div>' +
        `<table><tr>${'<td>wide wide wide</td>'.repeat(60)}</tr></table>` +
        `<p>${'x'.repeat(3000)}</p>`,
      'cover',
    ),
  );
  await sendRaw(
    hs,
    attacker,
    roomId,
    html(
      '<span data-mx-spoiler="">the butler did it</span> and <font data-mx-color="#ff0000">red</font>',
      'spoiler',
    ),
  );
  await sendRaw(hs, attacker, roomId, { msgtype: 'm.text', body: 'end of look' });

  await victim.getByRole('link', { name: 'Home' }).click();
  await victim
    .getByRole('listitem', { name: /^Invite to / })
    .getByRole('button', { name: 'Accept' })
    .click();
  const messages = victim.getByRole('list', { name: 'Messages', exact: true });
  await expect(messages.getByText('end of look')).toBeVisible({ timeout: 20_000 });

  // A link looks like a link: underlined, and not in the text's colour.
  const deceptive = messages.getByRole('link', { name: 'https://bank.example' });
  const look = await deceptive.evaluate((a) => {
    const style = getComputedStyle(a);
    const text = getComputedStyle(a.closest('li') ?? document.body);
    return { line: style.textDecorationLine, color: style.color, textColor: text.color };
  });
  expect(look.line).toContain('underline');
  expect(look.color).not.toBe(look.textColor);

  // Its text names one place and its target another: HAOS shows the real one first.
  const pagesBefore = victim.context().pages().length;
  await deceptive.click();
  const dialog = victim.getByRole('dialog', { name: 'Check where this link goes' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The link says bank.example but goes to evil.invalid.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(victim.context().pages().length).toBe(pagesBefore);
  await deceptive.click({ modifiers: ['Control'] });
  await expect(dialog).toBeVisible();
  const [opened] = await Promise.all([
    victim.context().waitForEvent('page'),
    dialog.getByRole('button', { name: 'Open evil.invalid' }).click(),
  ]);
  expect(opened.url()).toMatch(/^(https:\/\/evil\.invalid\/login|about:blank|chrome-error:)/);
  await opened.close();

  // The sender's tooltip and labels are not shown as if HAOS said them.
  const help = messages.getByRole('link', { name: 'help', exact: true });
  await expect(help).not.toHaveAttribute('title');
  await expect(help).not.toHaveAttribute('aria-label');
  await expect(help).not.toHaveAttribute('data-haos');

  // The hostile layout stays inside its row: the composer is still there to click, and the
  // row is no wider than the list.
  const cover = messages.getByText('COVER');
  await expect(cover).not.toHaveAttribute('style');
  await expect(cover).not.toHaveAttribute('class');
  const row = messages.getByRole('listitem', { name: /: cover$/ });
  const [coverBox, rowBox, listBox] = await Promise.all([
    cover.boundingBox(),
    row.boundingBox(),
    messages.boundingBox(),
  ]);
  expect(coverBox && rowBox && listBox).toBeTruthy();
  if (coverBox && rowBox && listBox) {
    expect(coverBox.y).toBeGreaterThanOrEqual(rowBox.y);
    expect(coverBox.y + coverBox.height).toBeLessThanOrEqual(rowBox.y + rowBox.height);
    expect(rowBox.width).toBeLessThanOrEqual(listBox.width + 1);
  }
  const composer = victim.getByRole('textbox', { name: /^Message / });
  await composer.click();

  // Spoilers hide until clicked; the spec's colours apply.
  const spoiler = messages.getByText('the butler did it');
  expect(await spoiler.evaluate((el) => getComputedStyle(el).color)).toBe('rgba(0, 0, 0, 0)');
  await spoiler.click();
  expect(await spoiler.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgba(0, 0, 0, 0)');
  expect(
    await messages.getByText('red', { exact: true }).evaluate((el) => getComputedStyle(el).color),
  ).toBe('rgb(255, 0, 0)');

  // What the victim sends never carries a script link, whatever the Markdown says.
  for (const text of [
    '[free money](javascript:alert(document.domain))',
    '[x](  JaVaScRiPt:alert(1)) and [y](data:text/html,<b>hi</b>) and [z](vbscript:msgbox)',
    '[**ok**](https://example.org/ok)',
  ]) {
    await composer.fill(text);
    await composer.press('Enter');
  }
  const sentByVictim = async () => {
    const { chunk } = await matrixRequest<{
      chunk: { sender: string; type: string; content: { formatted_body?: string } }[];
    }>(
      hs,
      attacker,
      'GET',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=10`,
    );
    return chunk.filter((e) => e.sender !== attacker.userId && e.type === 'm.room.message');
  };
  await expect.poll(async () => (await sentByVictim()).length, { timeout: 20_000 }).toBe(3);
  const sent = await sentByVictim();
  for (const event of sent)
    expect(event.content.formatted_body ?? '').not.toMatch(/javascript:|vbscript:|data:/i);
  expect(sent.map((e) => e.content.formatted_body)).toContain(
    '<a href="https://example.org/ok"><strong>ok</strong></a>',
  );
});
