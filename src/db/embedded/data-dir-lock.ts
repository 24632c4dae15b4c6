import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identify, isRunning, type ProcessIdentity } from './process-identity.ts';

/** Thrown when another jobdesk is running on the same DATA_DIR. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

export interface DataDirLock {
  path: string;
  release(): void;
}

const LOCK_FILE = 'jobdesk.lock';
/** Held by this process (a second open in the same process is refused too). */
const heldHere = new Set<string>();

/**
 * Claims DATA_DIR for this process, so two jobdesks never run one embedded database: the second
 * is refused with the first one's pid. A lock whose process is gone (SIGKILL, a crash, a reboot)
 * is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) {
    throw new DataDirInUseError(
      `the embedded database in ${dataDir} is already open in this process (pid ${process.pid})`,
    );
  }
  const mine = identify(process.pid);
  const content = `${JSON.stringify({ ...mine, startedAt: new Date().toISOString() })}\n`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(path, content, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const holder = readHolder(path);
    if (holder && holder.pid !== process.pid && isRunning(holder)) {
      throw new DataDirInUseError(
        `another jobdesk is already running on DATA_DIR ${dataDir} (pid ${holder.pid}` +
          `${holder.startedAt ? `, started ${holder.startedAt}` : ''}). Stop it first, or start this ` +
          `one with another DATA_DIR or a DATABASE_URL. (Lock file: ${path})`,
      );
    }
    // Left by a process that is gone: take it over.
    unlinkSync(path);
  }
  heldHere.add(path);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(path);
    process.off('exit', release);
    // Only remove the lock if it is still ours.
    if (readHolder(path)?.pid === process.pid) unlinkSync(path);
  };
  process.on('exit', release);
  return { path, release };
}

function readHolder(path: string): (ProcessIdentity & { startedAt?: string }) | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as ProcessIdentity & {
      startedAt?: string;
    };
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    // Unreadable or half written: treat it as stale.
    return undefined;
  }
}
