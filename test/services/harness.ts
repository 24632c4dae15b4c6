import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { jobEvents, outbox } from '../../src/db/schema.ts';
import { drizzleStore } from '../../src/db/store.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { jobCreatedWire, parsed } from '../fixtures/intake-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export const WORKSPACE = 'T_TEAM';
// Shaped like real Slack ids, which the services recognise as people.
export const ADMIN = 'U0ADMIN';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

export interface ServicesHarness {
  database: TestDatabase;
  services: Services;
  /** The moment services see as "now"; tests move it. */
  clock: { now: Date };
  advance(ms: number): void;
  /**
   * The real time the outbox sees, kept apart from `clock` and years away from it, so a test
   * notices whichever of the two a stored time was taken from.
   */
  wall: { now: Date };
  actor(userId: string): { workspaceId: string; userId: string };
  ingest(wire: unknown): ReturnType<Services['ingestEvent']>;
  /** Outbox rows written so far, oldest first. */
  outboxRows(): Promise<(typeof outbox.$inferSelect)[]>;
  auditFor(jobId: number): Promise<(typeof jobEvents.$inferSelect)[]>;
}

/** One migrated database for the test file, with the use cases bound to it and a movable clock. */
export function useServices(): ServicesHarness {
  const harness = {} as ServicesHarness;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const clock = { now: new Date('2026-11-27T10:00:00Z') };
    const wall = { now: new Date('2031-06-01T08:00:00Z') };
    const services = createServices({
      store: drizzleStore(database.db, { wallClock: () => wall.now }),
      now: () => clock.now,
      webhooks: true,
    });
    await services.setUpWorkspace(WORKSPACE, { admins: [ADMIN] });
    Object.assign(harness, {
      database,
      services,
      clock,
      wall,
      advance: (ms: number) => {
        clock.now = new Date(clock.now.getTime() + ms);
      },
      actor: (userId: string) => ({ workspaceId: WORKSPACE, userId }),
      ingest: (wire: unknown) => services.ingestEvent(WORKSPACE, parsed(wire)),
      outboxRows: () =>
        database.db
          .select()
          .from(outbox)
          .where(eq(outbox.workspaceId, WORKSPACE))
          .orderBy(asc(outbox.id)),
      auditFor: (jobId: number) =>
        database.db
          .select()
          .from(jobEvents)
          .where(and(eq(jobEvents.workspaceId, WORKSPACE), eq(jobEvents.jobId, jobId)))
          .orderBy(asc(jobEvents.id)),
    });
  });
  afterAll(async () => {
    await harness.database?.close();
  });
  return harness;
}

export const HOUR = 60 * 60 * 1000;

/** Ingests a new job whose source created it `hours` before the harness clock. */
export async function jobCreatedAgo(h: ServicesHarness, hours: number) {
  const wire = jobCreatedWire({ createdAt: new Date(h.clock.now.getTime() - hours * HOUR) });
  const result = await h.ingest(wire);
  return { wire, number: Number(result.job?.slice(2)) };
}
