// Retakes docs/sandbox.png, the README's picture of the sandbox: `npx tsx test/sandbox/screenshot.ts`.
// The real app in sandbox mode, a few jobs from the merchant panel, an assignment, a reply and the
// merchant's answer in the open thread, seen by the admin in headless Debian chromium.

import { mkdirSync } from 'node:fs';
import { browserUnavailable, openSandbox } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable) throw new Error(unavailable);

const session = await openSandbox({ width: 1600, height: 1000 });
const { page, app } = session;
try {
  await page.goto(`${app.url}/?as=U0MAYA`);
  const card = (ref: string) => page.locator('#pane-body article.msg', { hasText: `${ref} ·` });
  for (const ref of ['J-1', 'J-2']) {
    await page.getByRole('button', { name: 'Send new job' }).click();
    await card(ref).waitFor();
  }
  await card('J-2').locator('select.bk-multi-add').selectOption('U0LEO');
  await card('J-2').getByText('@Leo Martins').first().waitFor();
  await card('J-1').getByRole('button', { name: 'Reply' }).click();
  await page
    .getByLabel('Your reply')
    .fill(
      'Hi Ada! We can start on Monday. Could you share a staff account so we can profile the theme?',
    );
  await page.locator('#modal-layer').getByRole('button', { name: 'Send' }).click();
  await card('J-1').getByRole('button', { name: '1 reply' }).waitFor();
  await page.locator('[data-mtab="message"]').click();
  await page
    .locator('#m-message select')
    .selectOption({ label: 'J-1 · Speed up my theme — Ada Lovelace' });
  await page
    .locator('#m-message textarea')
    .fill('Sure — invite sent to your team address. Monday works great!');
  await page.getByRole('button', { name: 'Send message' }).click();
  await card('J-1').getByRole('button', { name: '2 replies' }).click();
  await page.locator('#thread-body', { hasText: 'Monday works great' }).waitFor();
  await page.locator('[data-mtab="job"]').click();
  await page.mouse.move(0, 0);
  // Toasts fade after a few seconds; the picture is of the workspace, not of them.
  await page.locator('.toast').last().waitFor({ state: 'detached', timeout: 10_000 });
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/sandbox.png' });
  console.log('wrote docs/sandbox.png');
} finally {
  await session.close();
}
