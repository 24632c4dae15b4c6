import { fileURLToPath } from 'node:url';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database, Schema } from './client.ts';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary constant: replicas starting together take turns instead of racing on DDL. */
const MIGRATION_LOCK = 7_244_201;

/** Applies the committed drizzle-kit migrations; safe to call from several replicas at once. */
export async function migrate(database: Database): Promise<void> {
  await database.withExclusiveLock(MIGRATION_LOCK, async () => {
    await migratePostgres(database.db as unknown as PostgresJsDatabase<Schema>, {
      migrationsFolder,
    });
  });
}
