// Retakes the README's pictures of the sandbox: `npx tsx test/sandbox/screenshot.ts`. The real
// app in sandbox mode, opened as the README says (http://localhost:<port>/), a few jobs from the
// merchant panel, an assignment, a reply and the merchant's answer in the open thread, seen by
// the admin in headless Debian chromium: docs/sandbox.png at 1600 px, docs/sandbox-1024.png at
// 1024 px (the narrow layout: the merchant panel folded while a thread is open).

import { mkdirSync } from 'node:fs';
import { browserUnavailable, openSandbox } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable) throw new Error(unavailable);

async function shoot(file: string, viewport: { width: number; height: number }): Promise<void> {
  const session = await openSandbox(viewport);
  const { page, app } = session;
  try {
    await page.goto(`${app.url}/`);
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
    // At 1024 px the panel is folded while the thread is open: it shows as a strip.
    const jobTab = page.locator('[data-mtab="job"]');
    if (await jobTab.isVisible()) await jobTab.click();
    await page.mouse.move(0, 0);
    // Toasts fade after a few seconds; the picture is of the workspace, not of them.
    await page.locator('.toast').last().waitFor({ state: 'detached', timeout: 10_000 });
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  } finally {
    await session.close();
  }
}

mkdirSync('docs', { recursive: true });
await shoot('docs/sandbox.png', { width: 1600, height: 1000 });
await shoot('docs/sandbox-1024.png', { width: 1024, height: 768 });
