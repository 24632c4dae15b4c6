import { and, eq, lt, sql } from 'drizzle-orm';
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
 * Two things are kept apart here. A *slot* (GCRA: `tat`) is taken only by a send that goes
 * within `maxWaitMs`, so it cannot be missed by more than a timer's jitter. A row whose turn is
 * further off gets a *booking* instead (one interval after the last), is put back until then,
 * and takes a real slot when it returns, first come first served. (The in-memory pacer hands
 * out slots far ahead and slides them when a holder comes back late; across replicas a slot
 * taken by a row already sleeping elsewhere cannot slide, and a late holder sent right next
 * to it: a 429. Bookings only spread the returns, so lateness costs time, never a 429.)
 *
 * Each post is also counted when it goes (`sending`) and again from Slack's answer (`sent`): a
 * send that went late, or took long to arrive, moves the next one, so arrivals stay an interval
 * apart even with no burst to absorb the jitter.
 *
 * A take locks the key's row (created on first use) and commits in one short transaction, so
 * replicas posting to one channel take turns. Times are whole milliseconds of the wall clock
 * (the interval rounded up), passed from here, never the database's now().
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
        const bookedUntil = ms(pace?.bookedUntil) ?? 0;
        const slot = nextSlot(tat, ms(pace?.pausedUntil), now);
        const [held] = await tx.select().from(channelPaceHolds).where(holdOf(holder));
        const booking = held?.key === key ? held.slotAt.getTime() : undefined;

        // A booked row back for its turn, or a row with nobody booked ahead of it.
        if ((booking !== undefined || bookedUntil <= slot) && slot - now <= maxWaitMs) {
          await tx
            .update(channelPace)
            .set({ tat: new Date(Math.max(tat ?? slot, slot) + intervalMs) })
            .where(row(key));
          if (held) await tx.delete(channelPaceHolds).where(holdOf(holder));
          return slot - now;
        }
        // Back early (a poll, a busy worker would not bring it back late): its booking stands.
        if (booking !== undefined && booking - now > maxWaitMs) return booking - now;

        let at: number;
        if (booking !== undefined) {
          // Its booking came but the channel is behind it (a pause, late sends): it comes back
          // when the channel's next slot nears, ahead of anyone booked after it.
          at = slot;
        } else {
          at = Math.max(slot, bookedUntil);
          await tx
            .update(channelPace)
            .set({ bookedUntil: new Date(at + intervalMs) })
            .where(row(key));
          // Bookings nobody came back for (the row was delivered another way, or died) go.
          await tx
            .delete(channelPaceHolds)
            .where(and(holdsOn(key), lt(channelPaceHolds.slotAt, new Date(now - HOLD_TTL_MS))));
        }
        await tx
          .insert(channelPaceHolds)
          .values({ workspaceId, holder, key, slotAt: new Date(at) })
          .onConflictDoUpdate({
            target: [channelPaceHolds.workspaceId, channelPaceHolds.holder],
            set: { key, slotAt: new Date(at) },
          });
        // Always beyond the inline wait: a booking is not a slot, so the row must come back.
        return Math.max(at - now, maxWaitMs + 1);
      });
    },

    async release(holder) {
      await db.delete(channelPaceHolds).where(holdOf(holder));
    },

    async pause(key, pauseMs) {
      await db.transaction(async (tx) => {
        const now = wallClock().getTime();
        const until = now + pauseMs;
        await tx.insert(channelPace).values({ workspaceId, key }).onConflictDoNothing();
        const [pace] = await tx.select().from(channelPace).where(row(key)).for('update');
        // Only what this pause adds to one already running (two rows may meet the same 429).
        const addedMs = until - Math.max(now, ms(pace?.pausedUntil) ?? 0);
        if (addedMs <= 0) return;
        const by = sql`${`${addedMs} milliseconds`}::interval`;
        await tx
          .update(channelPace)
          .set({
            pausedUntil: new Date(until),
            // No burst right after a pause: the bucket starts empty when it ends.
            tat: new Date(Math.max(ms(pace?.tat) ?? 0, until + toleranceMs)),
            bookedUntil: sql`${channelPace.bookedUntil} + ${by}`,
          })
          .where(row(key));
        // The rows booked on this key wait as long, in the same order and spacing.
        await tx
          .update(channelPaceHolds)
          .set({ slotAt: sql`${channelPaceHolds.slotAt} + ${by}` })
          .where(holdsOn(key));
      });
    },

    async sending(key) {
      const now = wallClock().getTime();
      const [pace] = await db
        .update(channelPace)
        .set({
          sentTat: sql`greatest(${channelPace.sentTat}, ${new Date(now).toISOString()}::timestamptz) + ${`${intervalMs} milliseconds`}::interval`,
        })
        .where(row(key))
        .returning({ sentTat: channelPace.sentTat });
      const sentTat = ms(pace?.sentTat);
      return sentTat === undefined ? 0 : Math.max(0, sentTat - intervalMs - toleranceMs - now);
    },

    async sent(key) {
      // Counted as of Slack's answer: the send arrived before it, so the next one, an interval
      // after this, arrives at least an interval after it. With bursts (tolerance) this seldom
      // binds; at one a second with no burst it adds one round trip per send.
      const next = sql`${new Date(wallClock().getTime() + intervalMs).toISOString()}::timestamptz`;
      await db
        .update(channelPace)
        .set({
          tat: sql`greatest(${channelPace.tat}, ${next})`,
          sentTat: sql`greatest(${channelPace.sentTat}, ${next})`,
        })
        .where(row(key));
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
