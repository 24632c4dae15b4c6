// The record of every call the app made, and the means to wait for one: the app posts after
// its transaction commits (outbox), so tests wait for Slack to have been told, not for a reply.

import { EventEmitter } from 'node:events';
import type { CallRecord } from './types.ts';

export interface WaitOptions {
  /** Default 2000 ms. */
  timeoutMs?: number;
  /** The probe also runs on this interval, for conditions that depend on more than Slack calls. */
  pollMs?: number;
}

/** Truthy means done; `undefined`, `null`, `false` or a thrown error mean "not yet". */
export type Probe<T> = () => T | undefined | null | false;

export class CallLog {
  private records: CallRecord[] = [];
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many tests may wait at once; each waiter is one listener.
    this.emitter.setMaxListeners(0);
  }

  add(record: CallRecord): void {
    this.records.push(record);
    this.notify();
  }

  /** Signals a state change that is not a recorded call (e.g. the test client closed a modal). */
  notify(): void {
    this.emitter.emit('change');
  }

  all(method?: string): CallRecord[] {
    const list =
      method === undefined ? this.records : this.records.filter((r) => r.method === method);
    return structuredClone(list);
  }

  onChange(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  clear(): void {
    this.records = [];
  }

  waitFor<T>(probe: Probe<T>, opts: WaitOptions = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? 2000;
    return new Promise<T>((resolve, reject) => {
      let lastError: unknown;
      let settled = false;
      const finish = (settle: () => void) => {
        settled = true;
        off();
        clearInterval(poll);
        clearTimeout(timer);
        settle();
      };
      const check = () => {
        if (settled) return;
        try {
          const value = probe();
          if (value !== undefined && value !== null && value !== false)
            finish(() => resolve(value));
        } catch (error) {
          lastError = error;
        }
      };
      const off = this.onChange(check);
      const poll = setInterval(check, opts.pollMs ?? 25);
      const timer = setTimeout(
        () => finish(() => reject(new Error(this.timeoutMessage(timeoutMs, lastError)))),
        timeoutMs,
      );
      check();
    });
  }

  private timeoutMessage(timeoutMs: number, lastError: unknown): string {
    const last = lastError instanceof Error ? `\nLast probe error: ${lastError.message}` : '';
    const recent = this.records
      .slice(-10)
      .map((r) => `  ${r.method} → ${r.ok ? 'ok' : (r.error ?? `HTTP ${r.status}`)}`)
      .join('\n');
    return `fake Slack: condition not met within ${timeoutMs} ms${last}\nRecent calls:\n${recent || '  (none)'}`;
  }
}
