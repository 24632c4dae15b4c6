import type { ClaimedRow, OutboxDepth, OutboxQueue, OutboxRow } from '../../src/services/ports.ts';

interface Stored extends OutboxRow {
  state: 'pending' | 'in_flight' | 'done' | 'dead';
  availableAt: number;
  leaseUntil: number | null;
}

/**
 * The outbox queue's contract in memory, for tests that run the worker on fake timers (the real
 * queue, tested against Postgres in worker.test.ts, needs real time to pass for its I/O).
 */
export class MemoryQueue implements OutboxQueue {
  readonly rows: Stored[] = [];

  add(n: number, topic: string): void {
    for (let i = 0; i < n; i++) {
      this.rows.push({
        id: this.rows.length + 1,
        workspaceId: 'T1',
        topic,
        payload: { i },
        attempts: 0,
        coalesceKey: null,
        createdAt: new Date(),
        state: 'pending',
        availableAt: Date.now(),
        leaseUntil: null,
      });
    }
  }

  count(state: Stored['state']): number {
    return this.rows.filter((r) => r.state === state).length;
  }

  async claim(limit: number, leaseMs: number, now: Date, topics: string[]): Promise<OutboxRow[]> {
    const at = now.getTime();
    const due = this.rows
      .filter((r) => topics.includes(r.topic))
      .filter(
        (r) =>
          (r.state === 'pending' && r.availableAt <= at) ||
          (r.state === 'in_flight' && (r.leaseUntil ?? 0) <= at),
      )
      .slice(0, Math.max(0, limit));
    for (const r of due) {
      r.state = 'in_flight';
      r.leaseUntil = at + leaseMs;
      r.attempts += 1;
    }
    return due.map((r) => ({ ...r, payload: { ...r.payload } }));
  }

  private held(row: ClaimedRow): Stored | undefined {
    return this.rows.find(
      (r) => r.id === row.id && r.state === 'in_flight' && r.attempts === row.attempts,
    );
  }

  async complete(row: ClaimedRow): Promise<void> {
    const r = this.held(row);
    if (r) Object.assign(r, { state: 'done', leaseUntil: null });
  }

  async retry(row: ClaimedRow, availableAt: Date): Promise<void> {
    const r = this.held(row);
    if (r)
      Object.assign(r, { state: 'pending', leaseUntil: null, availableAt: availableAt.getTime() });
  }

  async defer(row: ClaimedRow, availableAt: Date): Promise<void> {
    const r = this.held(row);
    if (!r) return;
    const at = availableAt.getTime();
    Object.assign(r, {
      state: 'pending',
      leaseUntil: null,
      attempts: Math.max(0, r.attempts - 1),
      availableAt: at <= Date.now() ? Math.min(r.availableAt, at) : at,
    });
  }

  async bury(row: ClaimedRow): Promise<void> {
    const r = this.held(row);
    if (r) Object.assign(r, { state: 'dead', leaseUntil: null });
  }

  async extend(ids: number[], leaseUntil: Date): Promise<void> {
    for (const r of this.rows) {
      if (ids.includes(r.id) && r.state === 'in_flight') r.leaseUntil = leaseUntil.getTime();
    }
  }

  async depth(now: Date): Promise<OutboxDepth> {
    const at = now.getTime();
    const waiting = this.rows.filter((r) => r.state === 'pending' || r.state === 'in_flight');
    const dueSince = waiting
      .map((r) => (r.state === 'pending' ? r.availableAt : (r.leaseUntil ?? 0)))
      .filter((t) => t <= at);
    const oldest = waiting.map((r) => r.createdAt.getTime());
    return {
      pending: waiting.length,
      dead: this.count('dead'),
      oldestAgeMs: oldest.length ? at - Math.min(...oldest) : null,
      overdueMs: dueSince.length ? at - Math.min(...dueSince) : null,
    };
  }
}
