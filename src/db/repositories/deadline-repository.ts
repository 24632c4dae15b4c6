import { and, asc, count, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DeadlineRepository } from '../../services/ports.ts';
import type { Db } from '../client.ts';
import { jobs } from '../schema.ts';
import { clockRunsSql } from './clock-runs-sql.ts';

const WAITING_ON_TEAM = ['new', 'opened', 'awaiting_response'] as const;

export function deadlineRepository(db: Db): DeadlineRepository {
  // When the merchant started waiting: their last message, or the job's creation.
  const since = sql<Date>`case when ${jobs.status} = 'awaiting_response'
    then coalesce(${jobs.lastMessageAt}, ${jobs.sourceCreatedAt}) else ${jobs.sourceCreatedAt} end`;

  return {
    async claimReminders(workspaceId, stage, now, withinMs, limit) {
      const column = stage === '4h' ? jobs.reminded4hAt : jobs.reminded24hAt;
      return db
        .select({
          id: jobs.id,
          workspaceId: jobs.workspaceId,
          status: jobs.status,
          expiresAt: jobs.expiresAt,
          firstResponseAt: jobs.firstResponseAt,
          reminded24hAt: jobs.reminded24hAt,
          reminded4hAt: jobs.reminded4hAt,
        })
        .from(jobs)
        .where(
          and(
            eq(jobs.workspaceId, workspaceId),
            clockRunsSql(),
            gt(jobs.expiresAt, now),
            lte(jobs.expiresAt, new Date(now.getTime() + withinMs)),
            isNull(column),
          ),
        )
        .orderBy(asc(jobs.expiresAt))
        .limit(limit)
        .for('update', { skipLocked: true });
    },

    async markReminded(ids, stage, at) {
      if (ids.length === 0) return 0;
      const rows = await db
        .update(jobs)
        .set(
          stage === '4h'
            ? {
                reminded4hAt: at,
                reminded24hAt: sql`coalesce(${jobs.reminded24hAt}, ${at.toISOString()}::timestamptz)`,
              }
            : { reminded24hAt: at },
        )
        .where(
          and(
            inArray(jobs.id, ids),
            isNull(stage === '4h' ? jobs.reminded4hAt : jobs.reminded24hAt),
          ),
        )
        .returning({ id: jobs.id });
      return rows.length;
    },

    async waitingOnTeam(workspaceId, limit) {
      const where = and(
        eq(jobs.workspaceId, workspaceId),
        inArray(jobs.status, [...WAITING_ON_TEAM]),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ id: jobs.id, since })
          .from(jobs)
          .where(where)
          .orderBy(asc(since), asc(jobs.number))
          .limit(limit),
        db.select({ n: count() }).from(jobs).where(where),
      ]);
      return {
        jobs: rows.map((r) => ({ id: r.id, since: new Date(r.since) })),
        total: Number(total?.n ?? 0),
      };
    },
  };
}
