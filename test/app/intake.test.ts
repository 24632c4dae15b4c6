import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, intakeEvents, jobs, messages, proposals } from '../../src/db/schema.ts';
import {
  jobCreatedWire,
  jobDeclinedWire,
  messageReceivedWire,
  proposalAcceptedWire,
} from '../fixtures/intake-events.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const HOUR = 3_600_000;
const rows = async <
  T extends typeof jobs | typeof messages | typeof intakeEvents | typeof proposals,
>(
  table: T,
) => (await app.database.db.select({ n: count() }).from(table as typeof jobs))[0]?.n ?? 0;

async function jobBySource(sourceId: string) {
  const [row] = await app.database.db.select().from(jobs).where(eq(jobs.sourceId, sourceId));
  return row;
}

describe('intake API end to end: the real app, real HTTP, the real database', () => {
  it('stores a signed job.created as a new job with its 72-hour deadline', async () => {
    const createdAt = new Date(app.clock.now.getTime() - HOUR);
    const wire = jobCreatedWire({ createdAt });
    const response = await app.sendIntake(wire);
    expect(response).toEqual({
      status: 202,
      body: { id: wire.id, outcome: 'accepted', job: 'J-1' },
    });
    const job = await jobBySource(wire.data.job.id);
    expect(job).toMatchObject({ number: 1, status: 'new', title: 'Speed up my theme' });
    expect(job?.expiresAt.toISOString()).toBe(
      new Date(createdAt.getTime() + 72 * HOUR).toISOString(),
    );
  });

  it('answers a repeated event with 200 and the job it made, and stores nothing twice', async () => {
    const wire = jobCreatedWire({ createdAt: app.clock.now });
    const before = await rows(jobs);
    const first = await app.sendIntake(wire);
    expect(first.status).toBe(202);
    const job = await jobBySource(wire.data.job.id);
    expect(first.body).toMatchObject({ job: `J-${job?.number}` });
    const again = await app.sendIntake(wire);
    expect(again).toEqual({
      status: 200,
      body: { id: wire.id, outcome: 'duplicate', job: `J-${job?.number}` },
    });
    expect(await rows(jobs)).toBe(before + 1);
  });

  it('takes the same event sent ten times at once exactly once', async () => {
    const wire = jobCreatedWire({ createdAt: app.clock.now });
    const before = await rows(jobs);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => app.sendIntake(wire).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(await rows(jobs)).toBe(before + 1);
  });

  it('files merchant messages on their job and moves the status', async () => {
    const created = jobCreatedWire({ createdAt: app.clock.now });
    await app.sendIntake(created);
    const number = (await jobBySource(created.data.job.id))?.number as number;
    await app.services.replyToJob(
      { workspaceId: app.workspaceId, userId: 'U0ALICE' },
      number,
      'Hi!',
    );
    const message = messageReceivedWire({
      jobId: created.data.job.id,
      conversationId: created.data.conversation.id,
    });
    expect((await app.sendIntake(message)).status).toBe(202);
    expect((await jobBySource(created.data.job.id))?.status).toBe('awaiting_response');
  });

  it('files a message without a job on its conversation, with no job created', async () => {
    const before = await rows(jobs);
    const wire = messageReceivedWire({});
    expect((await app.sendIntake(wire)).status).toBe(202);
    const [conversation] = await app.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.sourceId, wire.data.conversation.id));
    const stored = await app.database.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversation?.id ?? -1));
    expect(stored).toMatchObject([
      { direction: 'merchant', jobId: null, body: wire.data.message.body },
    ]);
    expect(await rows(jobs)).toBe(before);
  });

  it('records a proposal accepted for a new store without creating a job', async () => {
    const before = await rows(jobs);
    const wire = proposalAcceptedWire({ storeChoice: 'new' });
    expect((await app.sendIntake(wire)).status).toBe(202);
    const [proposal] = await app.database.db
      .select()
      .from(proposals)
      .where(eq(proposals.sourceId, wire.data.proposal.id));
    expect(proposal).toMatchObject({ storeChoice: 'new', jobId: null });
    expect(await rows(jobs)).toBe(before);
  });

  it('starts a job opened and answered for a proposal accepted with an existing store', async () => {
    const wire = proposalAcceptedWire({ storeChoice: 'existing', occurredAt: app.clock.now });
    expect((await app.sendIntake(wire)).status).toBe(202);
    const job = await jobBySource(wire.data.job?.id as string);
    expect(job).toMatchObject({ status: 'opened', firstResponseAt: app.clock.now });
    // It never expires: the sweep three days later leaves it alone.
    app.clock.now = new Date(app.clock.now.getTime() + 100 * HOUR);
    await app.services.expireDueJobs(app.workspaceId);
    expect((await jobBySource(wire.data.job?.id as string))?.status).toBe('opened');
  });

  it('declines a job for the merchant, and says so when the workflow keeps it', async () => {
    const created = jobCreatedWire({ createdAt: app.clock.now });
    await app.sendIntake(created);
    const declined = await app.sendIntake(
      jobDeclinedWire({ jobId: created.data.job.id, reason: 'Found someone' }),
    );
    expect(declined.status).toBe(202);
    expect(await jobBySource(created.data.job.id)).toMatchObject({
      status: 'declined',
      declinedBy: 'merchant',
      declineNote: 'Found someone',
    });
    const again = await app.sendIntake(jobDeclinedWire({ jobId: created.data.job.id }));
    expect(again.status).toBe(202);
    expect(again.body.notes).toEqual([expect.stringContaining('already declined')]);
  });

  it('refuses a decline of an unknown job with 400 and records nothing', async () => {
    const before = await rows(intakeEvents);
    const response = await app.sendIntake(jobDeclinedWire({ jobId: 'job_nobody_knows' }));
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('job_nobody_knows');
    expect(await rows(intakeEvents)).toBe(before);
  });

  it('refuses bad signatures, stale timestamps, bad JSON, bad events and big bodies, storing nothing', async () => {
    const before = { events: await rows(intakeEvents), jobs: await rows(jobs) };
    const wire = jobCreatedWire({ createdAt: app.clock.now });
    const now = Math.floor(Date.now() / 1000);
    expect((await app.sendIntake(wire, { secret: 'wrong-secret-wrong-secret' })).status).toBe(401);
    expect((await app.sendIntake(wire, { timestamp: now - 301 })).status).toBe(401);
    expect((await app.sendIntake(null, { raw: '{"id": ' })).status).toBe(400);
    const invalid = await app.sendIntake({ ...wire, occurred_at: 'yesterday', data: {} });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'occurred_at' }),
        expect.objectContaining({ path: 'data.job' }),
      ]),
    );
    const huge = {
      ...wire,
      data: { ...wire.data, job: { ...wire.data.job, description: 'x'.repeat(300_000) } },
    };
    expect((await app.sendIntake(huge)).status).toBe(413);
    expect({ events: await rows(intakeEvents), jobs: await rows(jobs) }).toEqual(before);
  });

  it('checks signature freshness on real time, whatever the business clock says (a sandbox jump)', async () => {
    const real = app.clock.now;
    app.clock.now = new Date(real.getTime() + 3 * 24 * HOUR);
    try {
      const wire = jobCreatedWire({ createdAt: app.clock.now });
      // Signed the way the README's curl signs: `date +%s`.
      expect((await app.sendIntake(wire)).status).toBe(202);
      const signedOnTheMovedClock = Math.floor(app.clock.now.getTime() / 1000);
      const replay = jobCreatedWire({ createdAt: app.clock.now });
      expect((await app.sendIntake(replay, { timestamp: signedOnTheMovedClock })).status).toBe(401);
    } finally {
      app.clock.now = real;
    }
  });

  it('answers /healthz: the database, and the outbox worker with its backlog', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: {
        database: 'ok',
        outbox: {
          status: 'ok',
          worker: 'running',
          pending: expect.any(Number),
          dead: 0,
          oldestPendingAgeSeconds: expect.toBeOneOf([null, expect.any(Number)]),
        },
        deliveries: { status: 'ok', dead: 0 },
      },
    });
  });
});
