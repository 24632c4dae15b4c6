import { readdirSync, readFileSync } from 'node:fs';

export interface TreeMemory {
  /** Sum of each process's resident memory (shared pages counted in every process: an upper bound). */
  rssMiB: number;
  /** Sum of proportional set sizes (shared pages split between the processes that map them). */
  pssMiB: number;
  processes: number;
}

/** Resident memory of `pid` and every process below it (an embedded PostgreSQL and its backends). */
export function treeMemory(pid: number): TreeMemory {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {}
  }
  let rssKb = 0;
  let pssKb = 0;
  let processes = 0;
  const walk = (p: number) => {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rssKb += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pssKb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      processes += 1;
    } catch {}
    for (const child of children.get(p) ?? []) walk(child);
  };
  walk(pid);
  return { rssMiB: rssKb / 1024, pssMiB: pssKb / 1024, processes };
}

/**
 * Reads `treeMemory(pid)` every `everyMs` between `start()` and `stop()`, and once more at the
 * stop (a burst answered within one interval still leaves a sample).
 */
export class TreeSampler {
  private readonly samples: TreeMemory[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 100,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.samples.push(treeMemory(this.pid)), this.everyMs);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.samples.push(treeMemory(this.pid));
  }

  /** Every sample so far. */
  all(): readonly TreeMemory[] {
    return this.samples;
  }
}
