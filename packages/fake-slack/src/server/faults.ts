// Injected failures: one-shot ones (failNext) are used up first, then persistent ones
// (setFault). A fault for a method beats a '*' fault. Everything injected is logged.

import type { Fault, InjectedFault } from './types.ts';

interface Pending {
  fault: Fault;
  remaining: number;
}

export class FaultPlan {
  private readonly oneShot = new Map<string, Pending[]>();
  private readonly persistent = new Map<string, Fault>();
  readonly injected: InjectedFault[] = [];

  failNext(method: string, fault: Fault, times: number): void {
    if (times < 1) return;
    const queue = this.oneShot.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.oneShot.set(method, queue);
  }

  set(method: string, fault: Fault): void {
    this.persistent.set(method, fault);
  }

  clear(method?: string): void {
    if (method === undefined) {
      this.oneShot.clear();
      this.persistent.clear();
      return;
    }
    this.oneShot.delete(method);
    this.persistent.delete(method);
  }

  /** The fault to apply to this call, if any (consuming a one-shot). */
  take(method: string, at: number): Fault | undefined {
    const fault =
      this.takeOneShot(method) ??
      this.takeOneShot('*') ??
      this.persistent.get(method) ??
      this.persistent.get('*');
    if (fault) this.injected.push({ method, fault, at });
    return fault;
  }

  private takeOneShot(key: string): Fault | undefined {
    const queue = this.oneShot.get(key);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  }
}
