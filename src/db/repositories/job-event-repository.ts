import { and, asc, count, desc, eq, gte } from 'drizzle-orm';
import type { JobEvent, JobStatus } from '../../domain/index.ts';
import type { JobEventRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { jobEvents, jobs } from '../schema.ts';

type JobEventRow = typeof jobEvents.$inferSelect;

export function jobEventRepository(db: Db): JobEventRepository {
  return {
    async append(workspaceId, ...events) {
      if (events.length === 0) return;
      await db.insert(jobEvents).values(
        events.map((event) => ({
          workspaceId,
          jobId: event.jobId,
          conversationId: event.conversationId,
          actor: event.actor,
          action: event.action,
          fromStatus: event.fromStatus ?? null,
          toStatus: event.toStatus ?? null,
          at: event.at,
          details: event.details ?? {},
        })),
      );
    },
    async lastMoveTo(workspaceId, jobId, status) {
      const [row] = await db
        .select()
        .from(jobEvents)
        .where(
          and(
            eq(jobEvents.workspaceId, workspaceId),
            eq(jobEvents.jobId, jobId),
            eq(jobEvents.toStatus, status),
          ),
        )
        .orderBy(desc(jobEvents.at), desc(jobEvents.id))
        .limit(1);
      return row ? toEvent(row) : undefined;
    },
    async listForJob(workspaceId, jobId) {
      const rows = await db
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.workspaceId, workspaceId), eq(jobEvents.jobId, jobId)))
        .orderBy(asc(jobEvents.at), asc(jobEvents.id));
      return rows.map(toEvent);
    },
    async declinesByService(workspaceId) {
      const rows = await db
        .select({ service: jobs.service, count: count() })
        .from(jobs)
        .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.status, 'declined')))
        .groupBy(jobs.service)
        .orderBy(desc(count()));
      return rows;
    },
    async recentActors(workspaceId, action, since) {
      const rows = await db
        .selectDistinct({ actor: jobEvents.actor })
        .from(jobEvents)
        .where(
          and(
            eq(jobEvents.workspaceId, workspaceId),
            eq(jobEvents.action, action),
            gte(jobEvents.at, since),
          ),
        )
        .orderBy(jobEvents.actor);
      return rows.map((r) => r.actor);
    },

    async latest(workspaceId, action) {
      const [row] = await db
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.workspaceId, workspaceId), eq(jobEvents.action, action)))
        .orderBy(desc(jobEvents.id))
        .limit(1);
      return row ? toEvent(row) : undefined;
    },
  };
}

function toEvent(row: JobEventRow): JobEvent {
  return {
    id: row.id,
    jobId: row.jobId,
    conversationId: row.conversationId,
    actor: row.actor,
    action: row.action,
    fromStatus: row.fromStatus as JobStatus | null,
    toStatus: row.toStatus as JobStatus | null,
    at: row.at,
    details: row.details,
  };
}
