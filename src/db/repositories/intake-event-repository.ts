import { and, eq, sql } from 'drizzle-orm';
import { JOB_REF_PREFIX } from '../../domain/index.ts';
import type { IntakeEventRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { intakeEvents, jobs } from '../schema.ts';

export function intakeEventRepository(db: Db): IntakeEventRepository {
  const byId = (workspaceId: string, eventId: string) =>
    and(eq(intakeEvents.workspaceId, workspaceId), eq(intakeEvents.eventId, eventId));

  return {
    async record(workspaceId, event) {
      // A concurrent insert of the same id waits on the primary key until the first commits.
      const rows = await db
        .insert(intakeEvents)
        .values({
          workspaceId,
          eventId: event.id,
          type: event.type,
          occurredAt: event.occurredAt,
          payload: event.payload,
        })
        .onConflictDoNothing()
        .returning({ eventId: intakeEvents.eventId });
      return rows.length === 1;
    },
    async setOutcome(workspaceId, eventId, outcome) {
      await db.update(intakeEvents).set({ outcome }).where(byId(workspaceId, eventId));
    },
    async setJobOutcome(workspaceId, eventId, jobId) {
      // formatJobRef, in SQL: the number is the row's (this statement runs after the insert).
      const number = sql`(select ${jobs.number} from ${jobs} where ${jobs.id} = ${jobId})`;
      const ref = sql`${JOB_REF_PREFIX}::text || ${number}`;
      await db
        .update(intakeEvents)
        .set({ outcome: sql`jsonb_build_object('job', ${ref})` })
        .where(byId(workspaceId, eventId));
    },
    async findOutcome(workspaceId, eventId) {
      const [row] = await db
        .select({ outcome: intakeEvents.outcome })
        .from(intakeEvents)
        .where(byId(workspaceId, eventId));
      return row?.outcome;
    },
  };
}
