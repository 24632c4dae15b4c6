import { and, count, eq, inArray, lte, min, or, sql } from 'drizzle-orm';
import type { ClaimedRow, OutboxQueue, OutboxRow } from '../services/ports.ts';
import type { Db } from './client.ts';
import { outbox } from './schema.ts';
import { realTime, type WallClock } from './wall-clock.ts';

/** Settling names the attempt it settles: a row another worker re-claimed since is left alone. */
const claimedBy = (row: ClaimedRow) =>
  and(eq(outbox.id, row.id), eq(outbox.state, 'in_flight'), eq(outbox.attempts, row.attempts));

/**
 * The outbox as one install's worker sees it: with `workspaceId`, claims and depth touch only
 * that workspace's rows, so two installs on one database never deliver each other's cards with
 * the wrong bot token (a multi-workspace install builds one queue per workspace). Like the rows
 * it reads, it runs on the wall clock.
 */
export function outboxQueue(
  db: Db,
  workspaceId?: string,
  wallClock: WallClock = realTime,
): OutboxQueue {
  const ours = workspaceId === undefined ? undefined : eq(outbox.workspaceId, workspaceId);
  return {
    async claim(limit, leaseMs, now, topics) {
      if (topics.length === 0 || limit <= 0) return [];
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            and(
              ours,
              inArray(outbox.topic, topics),
              or(
                and(eq(outbox.state, 'pending'), lte(outbox.availableAt, now)),
                and(eq(outbox.state, 'in_flight'), lte(outbox.leaseUntil, now)),
              ),
              // A card being posted by one worker must not be posted by another at the same time
              // (it has no ts yet, so both would post): its newer row waits for the first.
              sql`(${outbox.coalesceKey} is null or not exists (
                select 1 from ${outbox} as busy
                where busy.workspace_id = ${outbox.workspaceId}
                  and busy.coalesce_key = ${outbox.coalesceKey}
                  and busy.state = 'in_flight' and busy.lease_until > ${now.toISOString()}::timestamptz
                  and busy.id <> ${outbox.id}))`,
            ),
          )
          .orderBy(outbox.id)
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        const rows = await tx
          .update(outbox)
          .set({
            state: 'in_flight',
            leaseUntil: new Date(now.getTime() + leaseMs),
            attempts: sql`${outbox.attempts} + 1`,
          })
          .where(
            inArray(
              outbox.id,
              due.map((r) => r.id),
            ),
          )
          .returning();
        return rows
          .sort((a, b) => a.id - b.id)
          .map(
            (r): OutboxRow => ({
              id: r.id,
              workspaceId: r.workspaceId,
              topic: r.topic,
              payload: r.payload,
              attempts: r.attempts,
              coalesceKey: r.coalesceKey,
              createdAt: r.createdAt,
            }),
          );
      });
    },

    async complete(row, now) {
      await db
        .update(outbox)
        .set({ state: 'done', doneAt: now, leaseUntil: null })
        .where(claimedBy(row));
    },

    async retry(row, availableAt, error) {
      await backToPending(db, wallClock, row, { availableAt, lastError: error });
    },

    async defer(row, availableAt, reason) {
      // Due again at once (parked behind an open circuit, given back at stop): the row stays due
      // since it first was, so the watchdog sees how long it has really waited.
      const dueAgainNow = availableAt.getTime() <= wallClock().getTime();
      // The claim counted an attempt; waiting is not failing, so it is given back.
      await backToPending(db, wallClock, row, {
        availableAt: dueAgainNow
          ? sql`least(${outbox.availableAt}, ${availableAt.toISOString()}::timestamptz)`
          : availableAt,
        lastError: reason,
        attempts: sql`greatest(${outbox.attempts} - 1, 0)`,
      });
    },

    async deferMany(items) {
      if (items.length === 0) return;
      const now = wallClock().getTime();
      const later = items.filter((item) => item.availableAt.getTime() > now);
      const dueNow = items.filter((item) => item.availableAt.getTime() <= now);
      if (later.length > 0) {
        const values = sql.join(
          later.map(
            ({ row, availableAt, reason }) =>
              sql`(${row.id}::int, ${row.attempts}::int, ${availableAt.toISOString()}::timestamptz, ${reason}::text)`,
          ),
          sql`, `,
        );
        try {
          // Each row as defer leaves it, and only if it is still this attempt's (claimedBy).
          await db.execute(sql`
            update ${outbox} set
              state = 'pending', lease_until = null, available_at = v.at, last_error = v.reason,
              attempts = greatest(${outbox.attempts} - 1, 0)
            from (values ${values}) as v(id, attempts, at, reason)
            where ${outbox.id} = v.id and ${outbox.state} = 'in_flight'
              and ${outbox.attempts} = v.attempts
              ${ours ? sql`and ${ours}` : sql``}`);
        } catch (cause) {
          // A newer pending row shares a coalesce key: row by row, where defer settles it.
          if (!isUniqueViolation(cause)) throw cause;
          dueNow.push(...later);
        }
      }
      for (const { row, availableAt, reason } of dueNow) await this.defer(row, availableAt, reason);
    },

    async bury(row, error, now) {
      await db
        .update(outbox)
        .set({ state: 'dead', leaseUntil: null, lastError: error, deadAt: now })
        .where(claimedBy(row));
    },

    async extend(ids, leaseUntil) {
      if (ids.length === 0) return;
      await db
        .update(outbox)
        .set({ leaseUntil })
        .where(and(inArray(outbox.id, ids), eq(outbox.state, 'in_flight')));
    },

    async depth(now) {
      const at = now.toISOString();
      const rows = await db
        .select({
          state: outbox.state,
          n: count(),
          oldest: min(outbox.createdAt),
          dueSince: sql<string | null>`min(case
            when ${outbox.state} = 'pending' and ${outbox.availableAt} <= ${at}::timestamptz
              then ${outbox.availableAt}
            when ${outbox.state} = 'in_flight' and ${outbox.leaseUntil} <= ${at}::timestamptz
              then ${outbox.leaseUntil} end)`,
        })
        .from(outbox)
        .where(and(ours, inArray(outbox.state, ['pending', 'in_flight', 'dead'])))
        .groupBy(outbox.state);
      const waiting = rows.filter((r) => r.state !== 'dead');
      // Aggregates come back as strings from some drivers, so normalise before comparing.
      const earliest = (values: (Date | string | null)[]) =>
        values
          .filter((v): v is Date | string => v !== null)
          .map((v) => new Date(v).getTime())
          .sort((a, b) => a - b)[0];
      const oldest = earliest(waiting.map((r) => r.oldest));
      const dueSince = earliest(waiting.map((r) => r.dueSince));
      return {
        pending: waiting.reduce((sum, r) => sum + Number(r.n), 0),
        dead: Number(rows.find((r) => r.state === 'dead')?.n ?? 0),
        oldestAgeMs: oldest === undefined ? null : Math.max(0, now.getTime() - oldest),
        overdueMs: dueSince === undefined ? null : Math.max(0, now.getTime() - dueSince),
      };
    },
  };
}

async function backToPending(
  db: Db,
  wallClock: WallClock,
  row: ClaimedRow,
  changes: {
    availableAt: Date | ReturnType<typeof sql>;
    lastError: string;
    attempts?: ReturnType<typeof sql>;
  },
): Promise<void> {
  try {
    await db
      .update(outbox)
      .set({ state: 'pending', leaseUntil: null, ...changes })
      .where(claimedBy(row));
  } catch (cause) {
    // A newer pending row with the same coalesce key will render the same current state.
    if (!isUniqueViolation(cause)) throw cause;
    await db
      .update(outbox)
      .set({
        state: 'done',
        doneAt: wallClock(),
        leaseUntil: null,
        lastError: 'superseded by a newer delivery',
      })
      .where(claimedBy(row));
  }
}

export function isUniqueViolation(error: unknown): boolean {
  for (
    let e = error as { code?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') return true;
  }
  return false;
}
