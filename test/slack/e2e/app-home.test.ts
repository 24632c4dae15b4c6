import { buttonLabels, type SlackView, visibleText } from '@jobdesk/fake-slack';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conversations, jobAssignees, jobEvents, jobs, merchants } from '../../../src/db/schema.ts';
import type { JobStatus } from '../../../src/domain/index.ts';
import { HOME_SECTIONS, type HomeSection } from '../../../src/services/home.ts';
import { VIEWS } from '../../../src/slack/ids.ts';
import { HOME_LISTS } from '../../../src/slack/views/app-home.ts';
import { STATUS_DISPLAY } from '../../../src/slack/views/status-display.ts';
import { messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { eventually, newJob, storedJob } from './helpers.ts';

const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';
const EVE = 'U0EVE';
const HOUR = 60 * 60 * 1000;
const WAIT = { timeoutMs: 10_000 };

const t = useSlackTestApp();
beforeAll(() => {
  t.slack.addUser({ id: CAROL, name: 'carol' });
  t.slack.addUser({ id: DAVE, name: 'dave' });
  t.slack.addUser({ id: EVE, name: 'eve' });
});

/** The person opens the Home tab; resolves to the view published for it. */
async function openHome(user: string): Promise<SlackView> {
  const before = t.slack.home(user)?.hash;
  await t.client.appHomeOpened(user);
  return waitForNewHome(user, before);
}

function waitForNewHome(user: string, before: string | undefined): Promise<SlackView> {
  return t.slack.waitFor(() => {
    const view = t.slack.home(user);
    return view && view.hash !== before ? view : undefined;
  }, WAIT);
}

/** What one list of a Home view reads: from its title to the divider after it. */
function listOf(view: SlackView, name: HomeSection): string {
  const blocks = view.blocks;
  const title = `*${HOME_LISTS[name].title}*`;
  const start = blocks.findIndex((b) => visibleText({ blocks: [b] }).includes(title));
  if (start < 0) throw new Error(`no list ${name} on the Home`);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return visibleText({ blocks: blocks.slice(start, end) });
}

/** The `J-<n>` shown in a list, in order. */
function refsIn(view: SlackView, name: HomeSection): string[] {
  return [...listOf(view, name).matchAll(/\*J-(\d+)\*/g)].map((m) => `J-${m[1]}`);
}

const actor = (userId: string) => ({ workspaceId: t.app.workspaceId, userId });

describe('App Home', () => {
  it('for a member with no jobs: every list empty, the preferences, nothing to edit', async () => {
    const view = await openHome(CAROL);
    for (const name of HOME_SECTIONS) expect(listOf(view, name)).toContain(HOME_LISTS[name].empty);
    expect(visibleText(view)).toContain('*Team preferences*');
    expect(visibleText(view)).toContain('Only jobdesk admins can change these.');
    expect(buttonLabels(view)).toEqual([]);
    const opened = await t.app.database.db
      .select()
      .from(jobEvents)
      .where(and(eq(jobEvents.action, 'home_opened'), eq(jobEvents.actor, CAROL)));
    expect(opened).toHaveLength(1);

    // Opening the Messages tab publishes nothing: only the next Home visit does.
    const carols = () => t.slack.calls('views.publish').filter((c) => c.args.user_id === CAROL);
    const before = carols().length;
    await t.client.appHomeOpened(CAROL, 'messages');
    await openHome(CAROL);
    expect(carols()).toHaveLength(before + 1);
  });

  it('shows my jobs needing action first, my other open jobs, new ones nobody took, and what is due soon', async () => {
    const fresh = await newJob(t, { title: 'Fix my checkout' });
    const waiting = await newJob(t, { title: 'Speed up my theme' });
    const answered = await newJob(t, { title: 'Migrate my blog' });
    const nobodys = await newJob(t, { title: 'A new theme <!channel>' });
    const dueSoon = await newJob(t, {
      title: 'Almost out of time',
      createdAt: new Date(t.clock.now.getTime() - 50 * HOUR),
    });
    const s = t.app.services;
    for (const job of [fresh, waiting, answered]) {
      await s.changeAssignees(actor(ALICE), job.number, [ALICE], 'add');
    }
    await s.changeAssignees(actor(BOB), dueSoon.number, [BOB], 'add');
    await s.openJob(actor(ALICE), waiting.number);
    await t.intake(
      messageReceivedWire({
        jobId: waiting.wire.data.job.id,
        conversationId: waiting.wire.data.conversation.id,
      }),
    );
    await s.replyToJob(actor(ALICE), answered.number, 'On it');
    await t.settle();

    const view = await openHome(ALICE);
    const ref = (job: { number: number }) => `J-${job.number}`;
    // The merchant waits on J-waiting: it comes before the job that is merely new.
    expect(refsIn(view, 'needsAction')).toEqual([ref(waiting), ref(fresh)]);
    expect(listOf(view, 'needsAction')).toContain(':hourglass_flowing_sand:');
    expect(refsIn(view, 'mine')).toEqual([ref(answered)]);
    expect(refsIn(view, 'unassigned')).toEqual([ref(nobodys)]);
    expect(refsIn(view, 'dueSoon')).toEqual([ref(dueSoon)]);
    expect(listOf(view, 'dueSoon')).toContain(`<@${BOB}>`);
    // Merchant text is inert.
    expect(listOf(view, 'unassigned')).toContain('A new theme &lt;!channel&gt;');
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');

    // Open on the Home opens the job like the card does. Reading it is not taking it: the job
    // stays in everyone's "nobody has taken" list, now as opened, until someone is assigned.
    const before = t.slack.home(ALICE)?.hash;
    await t.client.click(`Open ${ref(nobodys)}`, { user: ALICE, in: { home: true } });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === VIEWS.jobDetails, WAIT);
    await t.settle();
    expect((await storedJob(t, nobodys.number)).status).toBe('opened');
    const after = await waitForNewHome(ALICE, before);
    expect(refsIn(after, 'unassigned')).toEqual([ref(nobodys)]);
    expect(listOf(after, 'unassigned')).toContain(STATUS_DISPLAY.opened.emoji);

    // Taken: it leaves the list.
    const taken = t.slack.home(ALICE)?.hash;
    await s.changeAssignees(actor(BOB), nobodys.number, [BOB], 'add');
    await t.settle();
    expect(refsIn(await waitForNewHome(ALICE, taken), 'unassigned')).toEqual([]);
  });

  it('refreshes the Homes a change touches: the new assignee’s, and those who watch new jobs', async () => {
    await openHome(DAVE);
    const bobs = await openHome(BOB);
    const job = await newJob(t, { title: 'Set up my store' });
    const ref = `J-${job.number}`;
    await t.settle();
    // A new job nobody took reaches the Home of everyone looking at theirs.
    expect(refsIn(t.slack.home(BOB) as SlackView, 'unassigned')).toContain(ref);
    expect(t.slack.home(BOB)?.hash).not.toBe(bobs.hash);

    await t.client.command(`/jobs assign ${ref} <@${DAVE}|dave>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await eventually(async () =>
      (await t.app.services.getJob(t.app.workspaceId, job.number)).assignees.includes(DAVE),
    );
    await t.settle();
    await t.slack.waitFor(
      () => refsIn(t.slack.home(DAVE) as SlackView, 'needsAction').includes(ref),
      WAIT,
    );
    expect(refsIn(t.slack.home(BOB) as SlackView, 'unassigned')).not.toContain(ref);
  });

  it('Edit preferences: an admin gets the form, someone who is no longer admin is told no', async () => {
    const adminHome = await openHome(ADMIN);
    expect(buttonLabels(adminHome)).toContain('Edit preferences');
    await t.client.click('Edit preferences', { user: ADMIN, in: { home: true } });
    await t.slack.waitFor(() => t.slack.openView(ADMIN)?.callback_id === VIEWS.preferences, WAIT);

    // Saving changes the summary on every Home being looked at, the admin's too.
    const before = t.slack.home(ADMIN)?.hash;
    const saved = await t.client.submitView({
      user: ADMIN,
      values: { prefs_services: 'Theme customization | 500 | USD' },
    });
    expect(saved.problems).toEqual([]);
    await t.settle();
    const refreshed = await waitForNewHome(ADMIN, before);
    expect(visibleText(refreshed)).toContain('Theme customization — 500 USD');

    // Carol was an admin when her Home was published, and no longer is when she clicks.
    await t.app.services.changeAdmins(actor(ADMIN), [CAROL], 'add');
    const carols = await openHome(CAROL);
    expect(buttonLabels(carols)).toContain('Edit preferences');
    await t.app.services.changeAdmins(actor(ADMIN), [CAROL], 'remove');
    await t.client.click('Edit preferences', { user: CAROL, in: { home: true } });
    const notice = await t.slack.waitFor(() => {
      const view = t.slack.openView(CAROL);
      return view?.callback_id === VIEWS.notice ? view : undefined;
    }, WAIT);
    expect(visibleText(notice)).toContain('Only jobdesk admins can change the team preferences');
    expect(visibleText(notice)).toContain(`<@${ADMIN}>`);
    const updated = await waitForNewHome(CAROL, carols.hash);
    expect(buttonLabels(updated)).not.toContain('Edit preferences');
    const refused = await t.app.database.db
      .select()
      .from(jobEvents)
      .where(and(eq(jobEvents.action, 'refused'), eq(jobEvents.actor, CAROL)));
    expect(refused.map((e) => e.details)).toEqual([
      { reason: 'not_admin', attempted: 'preferences_edit' },
    ]);
  });

  it('with a thousand open jobs: one page per list within Slack’s limits, the rest a click away', async () => {
    await seedThousandJobs();
    const view = await openHome(EVE);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const failed = t.slack.calls('views.publish').filter((c) => !c.ok);
    expect(failed).toEqual([]);
    expect(listOf(view, 'needsAction')).toContain('*Needs your action* (334)');
    expect(listOf(view, 'mine')).toContain('(333)');
    for (const name of HOME_SECTIONS) expect(refsIn(view, name)).toHaveLength(10);
    expect(listOf(view, 'needsAction')).toContain('Showing 1–10 of 334');
    const firstPage = refsIn(view, 'needsAction');

    await t.settle();
    await t.client.click('Next 10 jobs needing you ›', { user: EVE, in: { home: true } });
    const second = await waitForNewHome(EVE, view.hash);
    expect(listOf(second, 'needsAction')).toContain('Showing 11–20 of 334');
    expect(refsIn(second, 'needsAction')).not.toEqual(firstPage);
    expect(refsIn(second, 'mine')).toEqual(refsIn(view, 'mine'));

    await t.client.click('Next 10 of your jobs ›', { user: EVE, in: { home: true } });
    const third = await waitForNewHome(EVE, second.hash);
    // Paging one list keeps the others where they were.
    expect(listOf(third, 'needsAction')).toContain('Showing 11–20 of 334');
    expect(listOf(third, 'mine')).toContain('Showing 11–20 of 333');

    await t.client.click('‹ Previous 10 jobs needing you', { user: EVE, in: { home: true } });
    const back = await waitForNewHome(EVE, third.hash);
    expect(refsIn(back, 'needsAction')).toEqual(firstPage);
    expect(t.slack.calls('views.publish').filter((c) => !c.ok)).toEqual([]);
  });
});

/**
 * A thousand open jobs in one transaction, straight into the tables: a third waiting on Eve and
 * due within hours, a third answered by her, a third new and unassigned. Titles are long,
 * hostile and full of emoji.
 */
const STATUS_OF_KIND: JobStatus[] = ['awaiting_response', 'responded', 'new'];

async function seedThousandJobs(): Promise<void> {
  const workspaceId = t.app.workspaceId;
  const now = t.clock.now.getTime();
  const title = `<!here> ${'🧑🏽‍💻'.repeat(40)} שלום ${'long title '.repeat(30)}`;
  await t.app.database.db.transaction(async (tx) => {
    const [merchant] = await tx
      .insert(merchants)
      .values({ workspaceId, sourceId: 'm_thousand', name: 'Big <@U0ADMIN> Store' })
      .returning();
    const [conversation] = await tx
      .insert(conversations)
      .values({ workspaceId, sourceId: 'conv_thousand', merchantId: merchant?.id as number })
      .returning();
    const rows = await tx
      .insert(jobs)
      .values(
        Array.from({ length: 1000 }, (_, i) => {
          const kind = i % 3;
          return {
            workspaceId,
            number: 100_000 + i,
            sourceId: `job_thousand_${i}`,
            conversationId: conversation?.id as number,
            merchantId: merchant?.id as number,
            title: `${i} ${title}`,
            status: STATUS_OF_KIND[kind] ?? 'new',
            sourceCreatedAt: new Date(now - HOUR),
            createdAt: new Date(now - HOUR),
            expiresAt: new Date(now + (kind === 0 ? HOUR + i * 60_000 : 40 * HOUR)),
            firstResponseAt: kind === 1 ? new Date(now - HOUR) : null,
            lastWriter: kind === 1 ? ('team' as const) : kind === 0 ? ('merchant' as const) : null,
          };
        }),
      )
      .returning({ id: jobs.id, number: jobs.number });
    await tx
      .insert(jobAssignees)
      .values(
        rows
          .filter((r) => (r.number - 100_000) % 3 !== 2)
          .map((r) => ({ workspaceId, jobId: r.id, userId: EVE, assignedBy: ADMIN })),
      );
  });
}
