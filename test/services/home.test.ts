import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jobEvents, outbox } from '../../src/db/schema.ts';
import { HOME_OPENED, HOME_REFRESH_DELAY_MS } from '../../src/services/home-refresh.ts';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, HOUR, useServices, WORKSPACE } from './harness.ts';

const h = useServices();
const CAROL = 'U0CAROL';

async function newJob(hoursAgo = 0) {
  const wire = jobCreatedWire({ createdAt: new Date(h.clock.now.getTime() - hoursAgo * HOUR) });
  const result = await h.ingest(wire);
  return { wire, number: Number(result.job?.slice(2)) };
}

/**
 * Plays the outbox worker (this harness runs none): everything pending is delivered, so the next
 * refresh of a person is a row of its own rather than coalesced into an older one.
 */
async function deliverAll(): Promise<number> {
  await h.database.db.update(outbox).set({ state: 'done' }).where(eq(outbox.state, 'pending'));
  return (await h.outboxRows()).length;
}

/** Users whose Home the rows written since `before` refresh. */
async function homesSince(before: number): Promise<string[]> {
  return (await h.outboxRows())
    .slice(before)
    .filter((r) => r.topic === 'slack.home')
    .map((r) => String(r.payload.userId))
    .sort();
}

const refs = (jobs: { number: number }[]) => jobs.map((j) => j.number);

describe('App Home lists', () => {
  it('orders what needs action: the merchant waiting first, then the soonest deadline', async () => {
    const older = await newJob(10);
    const newer = await newJob(1);
    const waiting = await newJob(0);
    for (const job of [older, newer, waiting]) {
      await h.services.changeAssignees(h.actor(CAROL), job.number, [CAROL], 'add');
    }
    await h.services.openJob(h.actor(CAROL), waiting.number);
    await h.ingest(
      messageReceivedWire({
        jobId: waiting.wire.data.job.id,
        conversationId: waiting.wire.data.conversation.id,
      }),
    );
    const home = await h.services.getHome(WORKSPACE, CAROL);
    expect(refs(home.lists.needsAction.jobs)).toEqual([waiting.number, older.number, newer.number]);
    expect(home.lists.needsAction.total).toBe(3);
    expect(home.lists.mine.total).toBe(0);
    expect(home.isAdmin).toBe(false);
    expect((await h.services.getHome(WORKSPACE, ADMIN)).isAdmin).toBe(true);
  });

  it('lists as due soon only unanswered jobs whose clock ends within 24 hours, not past ones', async () => {
    const soon = await newJob(60);
    const later = await newJob(40);
    const answered = await newJob(60);
    await h.services.replyToJob(h.actor(ALICE), answered.number, 'Hi!');
    const past = await newJob(73);
    const due = refs((await h.services.getHome(WORKSPACE, BOB)).lists.dueSoon.jobs);
    expect(due).toContain(soon.number);
    expect(due).not.toContain(later.number);
    expect(due).not.toContain(answered.number);
    expect(due).not.toContain(past.number);
  });

  it('keeps a job nobody is assigned to in "nobody has taken", whatever its status, until it closes', async () => {
    const read = await newJob(1);
    const written = await newJob(1);
    const answered = await newJob(1);
    const parked = await newJob(1);
    await h.services.openJob(h.actor(ALICE), read.number);
    await h.services.openJob(h.actor(ALICE), written.number);
    await h.ingest(
      messageReceivedWire({
        jobId: written.wire.data.job.id,
        conversationId: written.wire.data.conversation.id,
      }),
    );
    await h.services.replyToJob(h.actor(ALICE), answered.number, 'Hi!');
    await h.services.markInactive(h.actor(ALICE), parked.number);
    const statuses = async () =>
      Object.fromEntries(
        await Promise.all(
          [read, written, answered, parked].map(async (j) => [
            j.number,
            (await h.services.getJob(WORKSPACE, j.number)).status,
          ]),
        ),
      );
    expect(Object.values(await statuses())).toEqual([
      'opened',
      'awaiting_response',
      'responded',
      'inactive',
    ]);
    const unassigned = async (user: string) =>
      refs((await h.services.getHome(WORKSPACE, user, {})).lists.unassigned.jobs);
    // Far from expiring, so only "nobody has taken" can show them to someone not assigned.
    for (const user of [ALICE, BOB]) {
      expect(await unassigned(user)).toEqual(
        expect.arrayContaining([read.number, written.number, answered.number, parked.number]),
      );
    }
    await h.services.changeAssignees(h.actor(BOB), written.number, [BOB], 'add');
    await h.services.declineJob(h.actor(ALICE), read.number, { reason: 'not_a_fit' });
    expect(await unassigned(ALICE)).not.toContain(written.number);
    expect(await unassigned(ALICE)).not.toContain(read.number);
    expect(refs((await h.services.getHome(WORKSPACE, BOB)).lists.needsAction.jobs)).toContain(
      written.number,
    );
  });

  it('shows every open job on some Home list', async () => {
    const open = await h.services.listJobs(WORKSPACE, {
      statuses: ['new', 'opened', 'responded', 'awaiting_response', 'inactive'],
      limit: 1000,
      offset: 0,
    });
    expect(open.jobs.length).toBeGreaterThan(5);
    const seen = new Set<number>();
    for (const user of [ADMIN, ALICE, BOB, CAROL]) {
      const home = await h.services.getHome(WORKSPACE, user);
      for (const list of Object.values(home.lists)) {
        // Each list shows one page; read them all.
        for (let offset = 0; offset < list.total; offset += home.pageSize) {
          const section = Object.entries(home.lists).find(([, l]) => l === list)?.[0] as string;
          const page = await h.services.getHome(WORKSPACE, user, { [section]: offset });
          for (const job of page.lists[section as keyof typeof page.lists].jobs)
            seen.add(job.number);
        }
      }
    }
    const unseen = open.jobs.filter((j) => !seen.has(j.number));
    expect(unseen.map((j) => [j.number, j.status, j.assignees])).toEqual([]);
  });

  it('pages by the page size and falls back to the last page when a list shrank', async () => {
    const home = await h.services.getHome(WORKSPACE, BOB, { unassigned: 3 });
    expect(home.lists.unassigned.offset).toBe(0);
    const total = home.lists.unassigned.total;
    expect(total).toBeGreaterThan(0);
    const far = await h.services.getHome(WORKSPACE, BOB, { unassigned: 10_000 });
    expect(far.lists.unassigned.offset).toBe(Math.floor((total - 1) / 10) * 10);
    expect(far.lists.unassigned.jobs.length).toBeGreaterThan(0);
  });
});

describe('App Home refreshes', () => {
  it('records an open at most once an hour', async () => {
    const opens = () =>
      h.database.db
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.action, HOME_OPENED), eq(jobEvents.actor, BOB)));
    await h.services.openHome(h.actor(BOB));
    await h.services.openHome(h.actor(BOB));
    expect(await opens()).toHaveLength(1);
    h.advance(HOUR + 1);
    await h.services.openHome(h.actor(BOB));
    expect(await opens()).toHaveLength(2);
  });

  it('refreshes the assignees before and after a change, and viewers for team-wide jobs', async () => {
    // BOB looks at his Home (previous test); ALICE has not opened hers for over a day.
    await h.services.openHome(h.actor(ALICE));
    h.advance(25 * HOUR);
    await h.services.openHome(h.actor(BOB));

    let before = await deliverAll();
    const job = await newJob();
    expect(await homesSince(before)).toEqual([BOB]);

    before = await deliverAll();
    await h.services.changeAssignees(h.actor(ALICE), job.number, [ALICE], 'add');
    // It was a new job nobody took (on every Home), now it is Alice's.
    expect(await homesSince(before)).toEqual([ALICE, BOB]);

    before = await deliverAll();
    await h.services.replyToJob(h.actor(ALICE), job.number, 'On it');
    // Answered and assigned: only Alice's Home shows it.
    expect(await homesSince(before)).toEqual([ALICE]);

    before = await deliverAll();
    await h.services.changeAssignees(h.actor(ALICE), job.number, [CAROL], 'replace');
    expect(await homesSince(before)).toEqual([ALICE, CAROL]);
  });

  it('coalesces refreshes of one person into one pending delivery', async () => {
    const before = await deliverAll();
    await newJob();
    await newJob();
    const pending = (await h.outboxRows())
      .slice(before)
      .filter((r) => r.topic === 'slack.home' && r.state === 'pending');
    expect(pending.map((r) => r.payload.userId)).toEqual([BOB]);
  });

  it('delays refreshes by HOME_REFRESH_DELAY_MS, so a burst of changes renders each Home once', async () => {
    const before = await deliverAll();
    const job = await newJob();
    const firstChange = h.wall.now.getTime();
    h.advance(500);
    h.wall.now = new Date(firstChange + 500);
    await h.services.changeAssignees(h.actor(ALICE), job.number, [ALICE], 'add');
    const pending = (await h.outboxRows())
      .slice(before)
      .filter((r) => r.topic === 'slack.home' && r.state === 'pending');
    // BOB's refresh (the new job) also covers the assignment half a second later.
    expect(pending.map((r) => r.payload.userId).sort()).toEqual([ALICE, BOB]);
    const bob = pending.find((r) => r.payload.userId === BOB);
    // Due on the wall clock, which the worker compares with: not on the business clock.
    expect(bob?.availableAt.getTime()).toBe(firstChange + HOME_REFRESH_DELAY_MS);
    // The card is not delayed.
    const card = (await h.outboxRows()).slice(before).find((r) => r.topic === 'slack.job_card');
    expect(card?.availableAt.getTime()).toBe(firstChange);
    expect(card?.createdAt.getTime()).toBe(firstChange);
  });

  it('refreshes every viewer when the preferences change', async () => {
    const before = await deliverAll();
    await h.services.updatePreferences(h.actor(ADMIN), {
      availableForWork: true,
      shownInSearch: true,
      worksWithDropshippers: false,
      notificationEmail: null,
      services: [],
    });
    const rows = (await h.outboxRows()).slice(before).map((r) => r.topic);
    expect(rows.sort()).toEqual(['slack.home', 'webhook']);
    expect(await homesSince(before)).toEqual([BOB]);
  });

  it('refuses the preferences form to a member, naming the admins', async () => {
    await expect(h.services.preferencesToEdit(h.actor(ALICE))).rejects.toMatchObject({
      code: 'forbidden',
      message: `Only jobdesk admins can change the team preferences. Ask <@${ADMIN}>.`,
    });
    await expect(h.services.preferencesToEdit(h.actor(ADMIN))).resolves.toMatchObject({
      availableForWork: true,
    });
  });
  it('keeps refreshes due in real time when the business clock jumps ahead (the sandbox)', async () => {
    const before = await deliverAll();
    const job = await newJob();
    // A day ahead, as a sandbox jump does (last in the file: the business clock stays moved).
    h.advance(24 * HOUR);
    await h.services.changeAssignees(h.actor(ALICE), job.number, [BOB], 'add');
    const refreshes = (await h.outboxRows())
      .slice(before)
      .filter((r) => r.topic === 'slack.home' && r.state === 'pending');
    expect(refreshes.length).toBeGreaterThan(0);
    for (const row of refreshes) {
      expect(row.availableAt.getTime()).toBe(h.wall.now.getTime() + HOME_REFRESH_DELAY_MS);
    }
  });
});
