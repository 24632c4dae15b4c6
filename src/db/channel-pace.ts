import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { type ChannelPacer, DEFAULT_PER_SECOND, HOLD_TTL_MS } from '../delivery/pacer.ts';
import type { Db } from './client.ts';
import { channelPace, channelPaceHolds } from './schema.ts';
import { realTime, type WallClock } from './wall-clock.ts';

export interface SharedPacerOptions {
  /** Sends per second per key, across every replica (default: 5% under Slack's 1). */
  perSecond?: number;
  /** How many sends may go at once after a quiet spell. */
  burst?: number;
  /** The wall clock every replica reads; never the database's own now(). */
  wallClock?: WallClock;
}

/**
 * The pacer of src/delivery/pacer.ts with its state in Postgres, so that every replica takes
 * slots from one schedule per channel and a 429's Retry-After pauses the channel for all of them.
 *
 * A take locks the key's row (created on first use), reads and moves its GCRA state and the
 * holds on that key, and commits: replicas taking slots of one channel take turns, each in one
 * short transaction. Slots are whole milliseconds (the interval rounded up), as Date keeps them.
 */
export function sharedPacer(
  db: Db,
  workspaceId: string,
  options: SharedPacerOptions = {},
): ChannelPacer {
  const intervalMs = Math.ceil(1000 / (options.perSecond ?? DEFAULT_PER_SECOND));
  const toleranceMs = (Math.max(1, Math.floor(options.burst ?? 3)) - 1) * intervalMs;
  const wallClock = options.wallClock ?? realTime;
  const ms = (d: Date | null | undefined) => (d ? d.getTime() : undefined);
  const row = (key: string) =>
    and(eq(channelPace.workspaceId, workspaceId), eq(channelPace.key, key));
  const holdsOn = (key: string) =>
    and(eq(channelPaceHolds.workspaceId, workspaceId), eq(channelPaceHolds.key, key));
  const holdOf = (holder: string) =>
    and(eq(channelPaceHolds.workspaceId, workspaceId), eq(channelPaceHolds.holder, holder));

  /** The earliest moment a new send to the key may go. */
  function nextSlot(tat: number | undefined, pausedUntil: number | undefined, now: number) {
    const start = Math.max(now, pausedUntil ?? 0);
    return Math.max(start, Math.max(tat ?? start, start) - toleranceMs);
  }

  return {
    take(key, holder, maxWaitMs) {
      return db.transaction(async (tx) => {
        const now = wallClock().getTime();
        await tx.insert(channelPace).values({ workspaceId, key }).onConflictDoNothing();
        const [pace] = await tx.select().from(channelPace).where(row(key)).for('update');
        const tat = ms(pace?.tat);
        const [held] = await tx.select().from(channelPaceHolds).where(holdOf(holder));
        if (held?.key === key) {
          const at = held.slotAt.getTime();
          if (now > at) {
            // Came back late (the worker was busy, the row was claimed after a poll): it sends
            // now, and every slot after it moves as much, so the sends after it still arrive an
            // interval apart rather than milliseconds after this one.
            const late = sql`${`${now - at} milliseconds`}::interval`;
            await tx
              .update(channelPace)
              .set({ tat: sql`${channelPace.tat} + ${late}` })
              .where(row(key));
            await tx
              .update(channelPaceHolds)
              .set({ slotAt: sql`${channelPaceHolds.slotAt} + ${late}` })
              .where(and(holdsOn(key), ne(channelPaceHolds.holder, holder)));
          }
          const wait = Math.max(0, at - now);
          if (wait <= maxWaitMs) await tx.delete(channelPaceHolds).where(holdOf(holder));
          return wait;
        }
        const at = nextSlot(tat, ms(pace?.pausedUntil), now);
        await tx
          .update(channelPace)
          .set({ tat: new Date(Math.max(tat ?? at, at) + intervalMs) })
          .where(row(key));
        const wait = at - now;
        if (wait > maxWaitMs) {
          // Holds nobody came back for (the row was delivered another way, or died) are dropped.
          await tx
            .delete(channelPaceHolds)
            .where(and(holdsOn(key), lt(channelPaceHolds.slotAt, new Date(now - HOLD_TTL_MS))));
          await tx
            .insert(channelPaceHolds)
            .values({ workspaceId, holder, key, slotAt: new Date(at) })
            .onConflictDoUpdate({
              target: [channelPaceHolds.workspaceId, channelPaceHolds.holder],
              set: { key, slotAt: new Date(at) },
            });
        } else if (held) {
          await tx.delete(channelPaceHolds).where(holdOf(holder));
        }
        return wait;
      });
    },

    async release(holder) {
      await db.delete(channelPaceHolds).where(holdOf(holder));
    },

    async pause(key, pauseMs) {
      const until = new Date(wallClock().getTime() + pauseMs);
      const after = new Date(until.getTime() + toleranceMs);
      await db.transaction(async (tx) => {
        // No burst right after a pause: the bucket starts empty when it ends.
        await tx
          .insert(channelPace)
          .values({ workspaceId, key, tat: after, pausedUntil: until })
          .onConflictDoUpdate({
            target: [channelPace.workspaceId, channelPace.key],
            set: {
              pausedUntil: sql`greatest(${channelPace.pausedUntil}, ${until.toISOString()}::timestamptz)`,
              tat: sql`greatest(${channelPace.tat}, ${after.toISOString()}::timestamptz)`,
            },
          });
        // Slots handed out before the pause are void: their holders reserve again when they return.
        await tx
          .delete(channelPaceHolds)
          .where(and(holdsOn(key), lt(channelPaceHolds.slotAt, until)));
      });
    },

    async pausedFor(key) {
      const [pace] = await db
        .select({ pausedUntil: channelPace.pausedUntil })
        .from(channelPace)
        .where(row(key));
      return Math.max(0, (ms(pace?.pausedUntil) ?? 0) - wallClock().getTime());
    },

    async backlogMs(key) {
      const [pace] = await db.select().from(channelPace).where(row(key));
      const now = wallClock().getTime();
      return nextSlot(ms(pace?.tat), ms(pace?.pausedUntil), now) - now;
    },
  };
}
