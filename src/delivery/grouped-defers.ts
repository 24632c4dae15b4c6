import type { DeferredRow, OutboxQueue } from '../services/ports.ts';

interface Waiting extends DeferredRow {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Puts rows off in groups: under an intake burst every card for a paced channel is put off
 * until its booked slot, a few at a time from the lanes side by side. The first is written at
 * once; those put off while that write runs go together in the next statement (a group
 * commit), so nothing waits longer than one write and a burst costs a few statements, not one a
 * row.
 */
export class GroupedDefers {
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(private readonly deferMany: (rows: DeferredRow[]) => Promise<void>) {}

  defer(item: DeferredRow): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ ...item, resolve, reject });
      if (!this.#writing) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0);
        try {
          await this.deferMany(group);
          for (const item of group) item.resolve();
        } catch (error) {
          for (const item of group) item.reject(error);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}

/** A GroupedDefers when the queue can defer several rows in one statement. */
export function groupedDefersOf(queue: OutboxQueue): GroupedDefers | undefined {
  if (!queue.deferMany) return undefined;
  return new GroupedDefers((rows) => queue.deferMany?.(rows) ?? Promise.resolve());
}
