// The sandbox page in a real browser (Debian's chromium through playwright-core): a person uses
// the page as they would Slack, and jobdesk answers through the real Bolt app, the real intake
// API and the real outbox. The steps assert what a person sees.

import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserUnavailable, openSandbox, type SandboxSession } from './browser.ts';

const unavailable = browserUnavailable();
if (unavailable) console.warn(unavailable);

const MAYA = 'U0MAYA';
const LEO = 'U0LEO';
const GUS = 'U0GUS';
const PRIYA = 'U0PRIYA';
const poll = { timeout: 20_000, interval: 50 };

describe.skipIf(unavailable !== undefined)(
  'the sandbox page in a browser',
  { timeout: 90_000 },
  () => {
    let s: SandboxSession;
    let page: Page;

    beforeAll(async () => {
      s = await openSandbox();
      page = s.page;
      // Exactly as the README says: the address the banner prints, a browser with nothing stored.
      await page.goto(`${s.app.url}/`);
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    const card = (title: string) => page.locator('#pane-body article.msg', { hasText: title });
    const modal = () => page.locator('#modal-layer form.modal');
    /** What a person sees of an element: Playwright's innerText (layout-aware, hidden text left out). */
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM's
    const seen = (locator: Locator) => locator.innerText();
    const textOf = (locator: Locator) => () => seen(locator);

    /** J-<n> of a card, from its heading. */
    async function ref(title: string): Promise<string> {
      return (await seen(card(title).locator('.bk-text').first())).split(' ')[0] ?? '';
    }

    async function actAs(id: string): Promise<void> {
      await page.selectOption('#person', id);
      await page.locator(`body[data-as="${id}"]`).waitFor();
    }

    /** Sends a new job from the merchant panel and waits for its card in #jobs. */
    async function sendJob(): Promise<string> {
      const title = `Speed up checkout ${randomBytes(3).toString('hex')}`;
      await page.locator('[data-mtab="job"]').click();
      await page.locator('#m-job [name="job.title"]').fill(title);
      await page.getByRole('button', { name: 'Send new job' }).click();
      await card(title).waitFor();
      return title;
    }

    it('works on a first visit with nothing stored and no query, as the first person', async () => {
      await s.step('first-visit', async () => {
        expect(page.url()).toBe(`${s.app.url}/`);
        await page.locator('body[data-version]').waitFor();
        expect(await page.locator('#person').inputValue()).toBe(MAYA);
        expect(await seen(page.locator('#pane-title'))).toBe('# jobs');
        expect(await page.locator('#person option').count()).toBe(5);
        expect(await seen(page.locator('#clock-now'))).not.toBe('');
        await page.locator('#composer-text').fill('/jobs help');
        await page.locator('#composer-text').press('Enter');
        await expect
          .poll(textOf(page.locator('#pane-body article.msg-ephemeral').last()), poll)
          .toContain('/jobs assign');
        const title = await sendJob();
        expect(await seen(card(title))).toContain('New');
      });
      await actAs(LEO);
    });

    it('shows a job sent from the merchant panel as a card in #jobs', async () => {
      await s.step('merchant-job', async () => {
        const merchant = await page.locator('#m-job [name="merchant.name"]').inputValue();
        const title = await sendJob();
        const text = await seen(card(title));
        expect(text).toContain('New');
        expect(text).toContain(merchant);
        await expect(card(title).getByRole('button', { name: 'Assign to me' })).toBeTruthy();
        expect(await seen(page.locator('#merchant-log li').first())).toMatch(
          /job\.created → 202 accepted \(job: J-\d+\)/,
        );
      });
    });

    it('assigns yourself from the card, which then names you', async () => {
      await s.step('assign-self', async () => {
        const title = await sendJob();
        await card(title).getByRole('button', { name: 'Assign to me' }).click();
        await expect
          .poll(textOf(card(title).locator('.bk-fields')), poll)
          .toContain('@Leo Martins');
        expect(await seen(card(title).locator('.bk-chip'))).toContain('Leo Martins');
      });
    });

    it('replies to the merchant through the modal; the reply is in the thread', async () => {
      await s.step('reply', async () => {
        const title = await sendJob();
        await card(title).getByRole('button', { name: 'Reply' }).click();
        await modal().waitFor();
        expect(await seen(modal().locator('.modal-title'))).toBe('Reply to merchant');
        await modal().getByLabel('Your reply').fill('Happy to help — we can start on Monday.');
        await modal().getByRole('button', { name: 'Send' }).click();
        await modal().waitFor({ state: 'detached' });
        await expect.poll(textOf(card(title)), poll).toContain('Responded');
        await card(title).getByRole('button', { name: '1 reply' }).click();
        await expect
          .poll(textOf(page.locator('#thread-body')), poll)
          .toContain('Happy to help — we can start on Monday.');
        await page.locator('#thread-close').click();

        // The card now roots a thread; the answer to a click on it still shows in the channel.
        await card(title).getByRole('button', { name: 'Assign to me' }).click();
        await expect
          .poll(textOf(page.locator('#pane-body article.msg-ephemeral').last()), poll)
          .toMatch(new RegExp(`assigned.*${await ref(title)}`));
      });
    });

    it('declines with a reason through the modal, showing field errors on the fields', async () => {
      await s.step('decline', async () => {
        const title = await sendJob();
        await card(title).locator('.bk-overflow-toggle').click();
        await card(title).getByRole('menuitem', { name: 'Decline' }).click();
        await modal().waitFor();

        // Slack's own check: a required field left empty never reaches the app.
        await modal().getByRole('button', { name: 'Decline' }).click();
        const reason = modal().locator('[data-label="Reason"]');
        await expect
          .poll(textOf(reason.locator('.bk-error')), poll)
          .toBe('Please complete this required field.');

        // The app's check: "Other" needs a note; its field error shows on the Note field.
        await modal().getByLabel('Reason').selectOption({ label: 'Other' });
        await modal().getByRole('button', { name: 'Decline' }).click();
        const note = modal().locator('[data-label="Note"]');
        await expect.poll(() => note.locator('.bk-error').isVisible(), poll).toBe(true);
        expect(await seen(note.locator('.bk-error'))).not.toBe('');

        await modal().getByLabel('Note').fill('We only do theme work this quarter.');
        await modal().getByRole('button', { name: 'Decline' }).click();
        await modal().waitFor({ state: 'detached' });
        await expect.poll(textOf(card(title)), poll).toContain('Declined');
        expect(await card(title).locator('button.bk-button').allInnerTexts()).toEqual([
          'View conversation',
        ]);
      });
    });

    it('refuses a guest and a Slack Connect user: each is told why, and the card does not change', async () => {
      await s.step('refusals', async () => {
        const title = await sendJob();
        for (const [who, why] of [
          [GUS, /Guests can't act on jobs/],
          [PRIYA, /another organisation/],
        ] as const) {
          await actAs(who);
          const before = await seen(card(title).locator('.bk-fields'));
          await card(title).getByRole('button', { name: 'Assign to me' }).click();
          const ephemeral = page.locator('#pane-body article.msg-ephemeral').last();
          await expect.poll(textOf(ephemeral), poll).toMatch(why);
          expect(await seen(ephemeral)).toContain('Only visible to you');
          expect(await seen(card(title).locator('.bk-fields'))).toBe(before);
          expect(before).toContain('Nobody yet');
        }
        // Ephemerals are for one person only: Leo sees none of theirs.
        await actAs(LEO);
        expect(await seen(page.locator('#pane-body'))).not.toMatch(
          /Guests can't act on jobs|another organisation/,
        );
      });
    });

    it('offers @ suggestions in the composer and sends the picked person as a mention', async () => {
      await s.step('mentions', async () => {
        const title = await sendJob();
        const job = await ref(title);
        const box = page.locator('#composer-text');
        await box.fill('');
        await box.pressSequentially(`/jobs assign ${job} @no`);
        const menu = page.locator('#mention-menu');
        await menu.waitFor();
        expect(await seen(menu)).toContain('Noor Haddad');
        await box.press('Enter');
        expect(await box.inputValue()).toBe(`/jobs assign ${job} @Noor Haddad `);
        await box.press('Enter');
        await expect
          .poll(textOf(card(title).locator('.bk-fields')), poll)
          .toContain('@Noor Haddad');
      });
    });

    it('shows the Messages tab read-only, as the manifest sets it', async () => {
      await s.step('messages-tab', async () => {
        await page.locator('#app-item').click();
        await page.locator('#tab-messages').click();
        await expect.poll(() => page.locator('#composer').isHidden(), poll).toBe(true);
        expect(await seen(page.locator('#composer-off'))).toBe(
          'Sending messages to this app has been turned off.',
        );
        await page.locator('#channel-list [data-pane]').first().click();
        await expect.poll(() => page.locator('#composer').isVisible(), poll).toBe(true);
      });
    });

    it('answers an unknown command as Slack does', async () => {
      await s.step('unknown-command', async () => {
        await page.locator('#composer-text').fill('/job');
        await page.locator('#composer-text').press('Enter');
        await expect
          .poll(textOf(page.locator('#pane-body article.msg-ephemeral').last()), poll)
          .toContain('/job is not a valid command');
        expect(await page.locator('.toast-error').count()).toBe(0);
      });
    });

    it('after a reload: ephemerals are gone, the open thread and the drafts are still there', async () => {
      await s.step('reload', async () => {
        const title = await sendJob();
        const job = await ref(title);
        await page.locator('#composer-text').fill(`/jobs reply ${job} Happy to help!`);
        await page.locator('#composer-text').press('Enter');
        await card(title).getByRole('button', { name: '1 reply' }).click();
        await expect.poll(textOf(page.locator('#thread-body')), poll).toContain('Happy to help!');
        // Typing into the thread is a note for the team, and the box says so.
        expect(await page.locator('#thread-text').getAttribute('placeholder')).toMatch(
          /Internal note.*only Reply and \/jobs reply reach the merchant/,
        );
        await page.locator('#composer-text').fill('/jobs help');
        await page.locator('#composer-text').press('Enter');
        await page.locator('#pane-body article.msg-ephemeral').first().waitFor();
        await page.locator('#thread-text').fill('Note: call them Monday');
        await page.locator('#composer-text').fill('a draft for the channel');
        await page.reload();
        await page.locator('body[data-version]').waitFor();
        await expect.poll(textOf(page.locator('#thread-body')), poll).toContain('Happy to help!');
        expect(await page.locator('#pane-body article.msg-ephemeral').count()).toBe(0);
        expect(await page.locator('#thread-text').inputValue()).toBe('Note: call them Monday');
        expect(await page.locator('#composer-text').inputValue()).toBe('a draft for the channel');
        await page.locator('#composer-text').fill('');
        await page.locator('#thread-text').fill('');
        await page.locator('#thread-close').click();
      });
    });

    it('expires a job when the clock jumps past its 72 hours', async () => {
      await s.step('clock', async () => {
        const title = await sendJob();
        await page.getByRole('button', { name: '+3 days' }).click();
        await expect.poll(textOf(card(title)), poll).toContain('Expired');
        // A closed card keeps what only reads, as a declined one does.
        expect(await card(title).locator('button.bk-button').allInnerTexts()).toEqual([
          'View conversation',
        ]);
        expect(await seen(page.locator('#clock-offset'))).toBe('(+3 d)');

        // Back to real time: what happened stays; the card is still expired.
        await page.getByRole('button', { name: 'Back to now' }).click();
        await expect.poll(textOf(page.locator('#clock-offset')), poll).toBe('(real time)');
        expect(await seen(card(title))).toContain('Expired');
        expect(await page.getByRole('button', { name: 'Back to now' }).isHidden()).toBe(true);
      });
    });
  },
);

describe.skipIf(unavailable !== undefined)(
  'the sandbox page at 1024 px with a thread open',
  { timeout: 90_000 },
  () => {
    let s: SandboxSession;
    let page: Page;

    beforeAll(async () => {
      s = await openSandbox({ width: 1024, height: 768 });
      page = s.page;
      await page.goto(`${s.app.url}/`);
      await page.locator('body[data-version]').waitFor();
    }, 60_000);
    afterAll(async () => {
      await s?.close();
    });

    it('breaks no word inside, and keeps toasts off the composers', async () => {
      await s.step('layout-1024', async () => {
        const card = page.locator('#pane-body article.msg', { hasText: 'J-1 ·' });
        await page.getByRole('button', { name: 'Send new job' }).click();
        await card.waitFor();
        await page.locator('#composer-text').fill('/jobs reply J-1 We can start on Monday');
        await page.locator('#composer-text').press('Enter');
        await card.getByRole('button', { name: '1 reply' }).click();
        await page.locator('#thread-body', { hasText: 'Monday' }).waitFor();
        // The merchant panel folds to a strip and opens on demand; a toast comes with the job.
        await page.locator('#merchant-toggle').click();
        await page.getByRole('button', { name: 'Send new job' }).click();
        await page.locator('#merchant-toggle').click();
        await page.locator('.toast').first().waitFor();

        // A field label ("Merchant", "Assigned") on one line: an inline box split over two
        // lines has two client rects.
        const split = await page
          .locator('#pane-body .bk-field b, #thread-body .bk-field b')
          .evaluateAll((labels) =>
            labels.filter((b) => b.getClientRects().length > 1).map((b) => b.textContent),
          );
        expect(split).toEqual([]);
        const paneWidth = await page.locator('#pane').evaluate((e) => e.clientWidth);
        expect(paneWidth).toBeGreaterThanOrEqual(400);

        const box = async (selector: string) => {
          const b = await page.locator(selector).boundingBox();
          if (!b) throw new Error(`${selector} is not shown`);
          return b;
        };
        const overlap = (
          a: { x: number; y: number; width: number; height: number },
          b: { x: number; y: number; width: number; height: number },
        ) =>
          a.x < b.x + b.width &&
          b.x < a.x + a.width &&
          a.y < b.y + b.height &&
          b.y < a.y + a.height;
        const toasts = await box('#toasts');
        for (const composer of ['#composer', '#thread-composer']) {
          expect(overlap(toasts, await box(composer)), composer).toBe(false);
        }
        for (const button of await page.locator('#pane-body button.bk-button').all()) {
          const b = await button.boundingBox();
          if (b) expect(overlap(toasts, b)).toBe(false);
        }
      });
    });
  },
);
