// Drizzle's queries run as prepared statements (src/db/prepared-statements.ts): a connection
// parses a statement once and then only binds and executes it, in transactions and savepoints too;
// `?prepare=false` in the URL turns that off, as a pooler in transaction mode needs.

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/db/client.ts';
import { workspaces } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(workspaces).values({ id: 'T_PREPARED' });
});

afterAll(async () => {
  await database.close();
});

// Each test reads its own column, so its statement is new to whichever pooled connection runs it.
type Column = 'jobsChannelId' | 'name';

const lookup = (db: Db, column: Column) =>
  db.select({ value: workspaces[column] }).from(workspaces).where(eq(workspaces.id, 'T_PREPARED'));

/** This connection's prepared statements that read `column` of a workspace, and their runs. */
async function preparedLookups(db: Db, column: Column): Promise<{ runs: number }[]> {
  const rows = await db.execute(
    sql`select (generic_plans + custom_plans)::int as runs from pg_prepared_statements
        where statement like ${`select "${workspaces[column].name}" from "workspaces"%`}`,
  );
  return rows as unknown as { runs: number }[];
}

describe('Drizzle on postgres.js', () => {
  it('prepares a statement once per connection and runs it again without parsing it', async () => {
    const runs = await database.db.transaction(async (tx) => {
      await lookup(tx as unknown as Db, 'jobsChannelId');
      await lookup(tx as unknown as Db, 'jobsChannelId');
      await lookup(tx as unknown as Db, 'jobsChannelId');
      return preparedLookups(tx as unknown as Db, 'jobsChannelId');
    });
    expect(runs).toEqual([{ runs: 3 }]);
  });

  it('prepares the statements of a savepoint too', async () => {
    const runs = await database.db.transaction((tx) =>
      tx.transaction(async (inner) => {
        await lookup(inner as unknown as Db, 'name');
        await lookup(inner as unknown as Db, 'name');
        return preparedLookups(inner as unknown as Db, 'name');
      }),
    );
    expect(runs).toEqual([{ runs: 2 }]);
  });

  it('leaves them unprepared when the URL says prepare=false', async () => {
    const url = new URL(database.url);
    url.searchParams.set('prepare', 'false');
    const unprepared: Database = await openDatabase({ url: url.toString(), maxConnections: 1 });
    try {
      const runs = await unprepared.db.transaction(async (tx) => {
        // A connection of its own: nothing it runs was prepared by the tests above.
        expect(await lookup(tx as unknown as Db, 'jobsChannelId')).toEqual([{ value: null }]);
        await lookup(tx as unknown as Db, 'jobsChannelId');
        return preparedLookups(tx as unknown as Db, 'jobsChannelId');
      });
      expect(runs).toEqual([]);
    } finally {
      await unprepared.close();
    }
  });
});
