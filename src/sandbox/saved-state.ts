// The sandbox keeps what its Slack and its merchants said in DATA_DIR next to the embedded
// database, so a restart shows the same channel the database describes (Slack keeps its
// messages too). Written atomically, a moment after the last change.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkspaceSnapshot } from '@jobdesk/fake-slack';
import type { MerchantMemory } from './merchant.ts';

export interface SavedSandbox {
  version: 1;
  /** The database the state belongs to (workspace id and creation); absent in older files. */
  database?: string | undefined;
  slack: WorkspaceSnapshot;
  merchant: MerchantMemory;
  clockOffsetMs: number;
}

export function loadSaved(file: string): SavedSandbox | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const unreadable = new Error(
    `${file} is not a sandbox state file this version can read; move it away to start afresh`,
  );
  let saved: Partial<SavedSandbox> | null;
  try {
    saved = JSON.parse(text) as Partial<SavedSandbox> | null;
  } catch {
    throw unreadable;
  }
  if (saved?.version !== 1 || !saved.slack || !saved.merchant) throw unreadable;
  return saved as SavedSandbox;
}

export function writeSaved(file: string, state: SavedSandbox): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

/** Calls `save` once things have been quiet for `delayMs`, and at most once at a time. */
export class DebouncedSave {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly save: () => void,
    private readonly delayMs = 250,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.save();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Saves now if a save is pending. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.save();
  }
}
