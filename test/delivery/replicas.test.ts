// Two jobdesk replicas on one Postgres database, talking to one Slack: every card, expiry,
// reminder and digest happens exactly once, however the two race.

import { FakeSlack, type SlackMessage, visibleText } from '@jobdesk/fake-slack';
import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Jobdesk, startJobdesk } from '../../src/app.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { jobEvents } from '../../src/db/schema.ts';
import { postSignedIntake } from '../../src/http/intake/signed-post.ts';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { ADMIN, ALICE, JOBS_CHANNEL, slackTestConfig } from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drained } from './support.ts';

const HOUR = 3_600_000;
const JOBS = 20;
// 05:00 UTC, so the digest (09:00 UTC) comes due later, on a day of its own.
const CREATED = new Date('2026-11-27T05:00:00Z');

describe('two replicas on one Postgres', () => {
  let slack: FakeSlack;
  let database: TestDatabase;
  let second: Database;
  const clock = { now: CREATED };
  const replicas: Jobdesk[] = [];

  beforeAll(async () => {
    slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
    for (const id of [ADMIN, ALICE]) slack.addUser({ id });
    database = await createTestDatabase();
    // Each replica has its own pool, as two processes would.
    second = await openDatabase({ url: database.url });
    for (const db of [database, second]) {
      replicas.push(
        await startJobdesk(slackTestConfig(slack), {
          logger: pino({ level: 'silent' }),
          now: () => clock.now,
          database: db,
          // The clock stands still here: Home refreshes go out at once rather than after a delay.
          homeRefreshDelayMs: 0,
          pollMs: 50,
          pacing: { perSecond: 10_000, burst: 10_000 },
        }),
      );
    }
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await second?.close();
    await database?.close();
    await slack?.stop();
  });

  const [a, b] = [() => replicas[0] as Jobdesk, () => replicas[1] as Jobdesk];

  async function intake(replica: Jobdesk, body: unknown) {
    const raw = JSON.stringify(body);
    const res = await postSignedIntake(`${replica.url}/intake/events`, INTAKE_SECRET, raw);
    return (await res.json()) as { job: string };
  }

  /** Both replicas tick at the same moment, three times over. */
  async function tickBoth(at: Date) {
    clock.now = at;
    for (let i = 0; i < 3; i++) {
      const results = await Promise.all(replicas.map((r) => r.deadlineClock.runOnce()));
      for (const r of results) expect(r.failed).toEqual([]);
    }
    await drained(database, 30_000);
  }

  /** How many outbox rows a replica settled (its delivery latency histogram's count). */
  async function deliveries(replica: Jobdesk): Promise<number> {
    const metric = replica.metrics.registry.getSingleMetric('jobdesk_delivery_duration_seconds');
    const { values } = (await metric?.get()) ?? { values: [] };
    return values
      .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
      .reduce((sum, v) => sum + v.value, 0);
  }

  const isRoot = (m: SlackMessage) => !m.thread_ts || m.thread_ts === m.ts;
  const channel = () => slack.channel(JOBS_CHANNEL).messages();
  const dmsOfAlice = (match: RegExp) =>
    slack
      .dm(ALICE)
      .messages()
      .filter((m) => match.test(visibleText(m)));

  it('post each card once, whichever replica took the event', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < JOBS; i++) {
      const replica = i % 2 ? b() : a();
      const answer = await intake(replica, jobCreatedWire({ createdAt: CREATED }));
      numbers.push(Number(answer.job.slice(2)));
    }
    // Half of the jobs are Alice's, assigned through the other replica.
    for (const number of numbers.slice(0, JOBS / 2)) {
      await b().services.changeAssignees(
        { workspaceId: b().workspaceId, userId: ADMIN },
        number,
        [ALICE],
        'add',
      );
    }
    await drained(database, 30_000);
    expect(channel().filter(isRoot)).toHaveLength(JOBS);
    expect(
      slack.calls('chat.postMessage').filter((c) => c.args.channel === JOBS_CHANNEL),
    ).toHaveLength(JOBS);
  });

  it('remind once a day ahead and once four hours ahead', async () => {
    // The jobs the channel's reminders name, once per message: the jobs due at one tick share
    // a message (one per replica at most, as each claims its own share of the jobs).
    const remindedInChannel = (stage: RegExp) => {
      const posts = channel().filter((m) => stage.test(visibleText(m)));
      expect(posts.length).toBeLessThanOrEqual(replicas.length);
      return posts
        .flatMap((m) => [...new Set([...visibleText(m).matchAll(/J-\d+/g)].map((r) => r[0]))])
        .sort();
    };
    // Alice's jobs due at one tick come in one DM (one per replica at most), each named once.
    const remindedByDm = (stage: RegExp) => {
      return dmsOfAlice(stage).flatMap((m) => [
        ...new Set([...visibleText(m).matchAll(/J-\d+/g)].map((r) => r[0])),
      ]);
    };
    await tickBoth(new Date(CREATED.getTime() + 48 * HOUR + 60_000));
    expect(dmsOfAlice(/expire/).length).toBeLessThanOrEqual(replicas.length);
    expect(new Set(remindedByDm(/about a day left|expire soon/)).size).toBe(JOBS / 2);
    const day = remindedInChannel(/about a day left/);
    expect(day).toHaveLength(JOBS / 2);
    expect(new Set(day).size).toBe(JOBS / 2);

    await tickBoth(new Date(CREATED.getTime() + 68 * HOUR + 60_000));
    expect(dmsOfAlice(/expire/).length).toBeLessThanOrEqual(2 * replicas.length);
    expect(remindedInChannel(/about 4 hours left/)).toEqual(day);
  });

  it('expire each job once', async () => {
    await tickBoth(new Date(CREATED.getTime() + 72 * HOUR + 60_000));
    const [expired] = await database.db
      .select({ n: count() })
      .from(jobEvents)
      .where(eq(jobEvents.action, 'expire'));
    expect(Number(expired?.n)).toBe(JOBS);
    expect(dmsOfAlice(/Expired/)).toHaveLength(JOBS / 2);
    const cards = channel().filter(isRoot);
    expect(cards.filter((m) => /Expired/.test(visibleText(m)))).toHaveLength(JOBS);
  });

  it('post the daily digest once', async () => {
    await tickBoth(new Date('2026-11-30T09:05:00Z'));
    await tickBoth(new Date('2026-11-30T12:00:00Z'));
    expect(channel().filter((m) => /Jobs digest for 2026-11-30/.test(visibleText(m)))).toHaveLength(
      1,
    );
    const deliveredBy = await Promise.all(replicas.map(deliveries));
    const report = {
      replicas: 2,
      deliveredBy,
      cards: channel().filter((m) => isRoot(m) && /J-\d+ ·/.test(visibleText(m))).length,
      reminderDms: dmsOfAlice(/expire/).length,
      expiries: JOBS,
      digests: 1,
    };
    console.info(`replicas: ${JSON.stringify(report)}`);
  });
});
