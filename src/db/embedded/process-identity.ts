import { readFileSync } from 'node:fs';

/**
 * Who a process id is, well enough to tell a living process from a reused pid: the boot and the
 * start time (Linux's /proc), so a lock or pid file left before a reboot or a container restart
 * is recognised as stale even when its pid now belongs to someone else. Elsewhere, only the pid.
 */
export interface ProcessIdentity {
  pid: number;
  bootId?: string | undefined;
  startTicks?: string | undefined;
}

export function identify(pid: number): ProcessIdentity {
  return { pid, bootId: bootId(), startTicks: procStat(pid)?.startTicks };
}

/** Whether the process is running (not gone, not a zombie) and is the one `identity` names. */
export function isRunning(identity: ProcessIdentity): boolean {
  if (!pidExists(identity.pid)) return false;
  const stat = procStat(identity.pid);
  if (stat?.state === 'Z' || stat?.state === 'X') return false;
  if (identity.bootId && bootId() && identity.bootId !== bootId()) return false;
  if (identity.startTicks && stat && identity.startTicks !== stat.startTicks) return false;
  return true;
}

/** The process's command line, when the system tells (Linux). */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return undefined;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function procStat(pid: number): { state: string; startTicks: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTicks: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}
