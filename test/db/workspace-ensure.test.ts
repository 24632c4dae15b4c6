// Making sure a workspace exists never waits on a transaction that holds its row: every job
// creation holds it (to take the next number) until it commits, and every intake event makes
// sure of its workspace first. A plain insert … on conflict do nothing waited for the holder.

import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { repositories } from '../../src/db/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let holder: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase();
  holder = postgres(database.url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await holder.end();
  await database.close();
});

/** `ensure` in a transaction that fails rather than wait a second for any lock. */
function ensureWithoutWaiting(workspaceId: string): Promise<void> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local lock_timeout = '1s'`);
    await repositories(tx as unknown as Db).workspaces.ensure(workspaceId);
  });
}

async function workspaceIds(): Promise<string[]> {
  const rows = await holder`select id from workspaces order by id`;
  return rows.map((r) => r.id as string);
}

describe('workspaces.ensure', () => {
  it('creates a workspace that is not there, once however many ask at once', async () => {
    await Promise.all([ensureWithoutWaiting('T_NEW'), ensureWithoutWaiting('T_NEW')]);
    expect(await workspaceIds()).toEqual(['T_NEW']);
  });

  it('does not wait for a transaction that holds the workspace row, and changes nothing', async () => {
    await holder`insert into workspaces (id) values ('T_HELD')`;
    await holder.begin(async (tx) => {
      // What a job creation does first: take the number, which locks the row until the commit.
      await tx`update workspaces set next_job_number = next_job_number + 1 where id = 'T_HELD'`;
      await ensureWithoutWaiting('T_HELD');
    });
    const [row] = await holder`select next_job_number from workspaces where id = 'T_HELD'`;
    expect(row?.next_job_number).toBe(2);
    expect(await workspaceIds()).toEqual(['T_HELD', 'T_NEW']);
  });
});
