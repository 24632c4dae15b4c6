// The embedded PostgreSQL jobdesk runs when DATABASE_URL is unset, opened in this process: the
// data stays across restarts, the server is reachable on loopback only and with the password,
// and one DATA_DIR is opened once.

import { rmSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { workspaces } from '../../src/db/schema.ts';
import { tempDataDir } from '../support/jobdesk-process.ts';

describe('the embedded database', () => {
  const dataDir = tempDataDir('embedded');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a stop and a start', async () => {
    const first = await openDatabase({ dataDir });
    await migrate(first);
    await first.db.insert(workspaces).values({ id: 'T_KEEP', name: 'Kept' });
    const firstPort = first.embedded?.port;
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      await migrate(second);
      const rows = await second.db.select().from(workspaces);
      expect(rows.map((r) => r.id)).toEqual(['T_KEEP']);
      expect(second.embedded?.port).toBeTypeOf('number');
      expect(firstPort).toBeTypeOf('number');
    } finally {
      await second.close();
    }
  });

  it('listens on 127.0.0.1 only, with no socket, and refuses a wrong password', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const url = new URL(database.embedded?.url as string);
      expect(url.hostname).toBe('127.0.0.1');
      const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [settings] = await sql`select current_setting('listen_addresses') as listen,
        current_setting('unix_socket_directories') as sockets`;
      const rules = await sql`select type, address, auth_method from pg_hba_file_rules`;
      await sql.end();
      expect(settings).toEqual({ listen: '127.0.0.1', sockets: '' });
      expect(rules.length).toBeGreaterThan(0);
      expect(rules.filter((r) => r.auth_method !== 'scram-sha-256')).toEqual([]);

      url.password = 'not-the-password';
      const intruder = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
      await expect(intruder`select 1`).rejects.toThrow(/password authentication failed/);
      await intruder.end();
    } finally {
      await database.close();
    }
  });

  it('refuses a second open of the same DATA_DIR', async () => {
    const database = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
      // The first is unharmed.
      await database.ping();
    } finally {
      await database.close();
    }
  });
});
