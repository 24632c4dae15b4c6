/**
 * Measurement 2: signed `job.created` events per second through the intake API into Postgres and
 * into the embedded PostgreSQL (DATABASE_URL unset), against the same rows written straight with
 * postgres.js into another database of the same server: one transaction per event, as many at
 * once, no HTTP, no checks. jobdesk runs its production start (`node dist/main.js`), its outbox
 * worker included (pacing the cards it posts to the fake Slack at Slack's one a second, as in
 * production).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '@jobdesk/fake-slack';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { signedIntakeHeaders } from '../src/http/intake/signed-post.ts';
import { type ServerProcess, startServer } from './lib/child.ts';
import { embeddedServerUrl } from './lib/embedded.ts';
import { INTAKE_SECRET, jobdeskEnv } from './lib/jobdesk-env.ts';
import { Loader, type PreparedRequest } from './lib/load.ts';
import { type BenchDatabase, createDatabase } from './lib/postgres.ts';
import { median } from './lib/stats.ts';

export type IntakeSystem =
  | 'jobdesk-postgres'
  | 'raw-postgres'
  | 'jobdesk-embedded'
  | 'raw-embedded';

export interface IntakeOptions {
  /** Events per round and system. */
  events: number;
  /** Requests (or transactions) in flight at once. */
  concurrency: number;
  rounds: number;
  log: (line: string) => void;
}

export interface IntakeResult {
  /** Events per second of each round. */
  rounds: Record<IntakeSystem, number[]>;
  median: Record<IntakeSystem, number>;
  failures: Record<IntakeSystem, number>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE = 'T_TEAM';
const JOBS_CHANNEL = 'C0JOBS';
const MERCHANTS = 1000;

let sequence = 0;

/** A job.created event as a feeder would send it, each with new ids; merchants come back. */
export function jobCreated(): { body: string; event: Record<string, unknown> } {
  const n = ++sequence;
  const m = n % MERCHANTS;
  const now = new Date().toISOString();
  const event = {
    id: `evt_bench_${n}`,
    type: 'job.created',
    occurred_at: now,
    data: {
      job: {
        id: `job_bench_${n}`,
        title: `Speed up my theme (${n})`,
        description: 'The home page takes six seconds to load on mobile. '.repeat(4),
        service: 'Theme customization',
        budget: { amount: '500.00', currency: 'USD' },
        created_at: now,
      },
      merchant: {
        id: `m_bench_${m}`,
        name: `Merchant ${m}`,
        email: `m${m}@example.com`,
        store: { domain: `shop${m}.myshopify.com`, name: `Shop ${m}` },
        dropshipper: false,
      },
      conversation: { id: `conv_bench_${n}` },
    },
  };
  return { body: JSON.stringify(event), event };
}

function signed(body: string): PreparedRequest {
  return { body, headers: signedIntakeHeaders(INTAKE_SECRET, body) };
}

/** The rows jobdesk stores for one job.created, as plain statements: what a raw writer would do. */
interface RawWriter {
  transaction(
    statements: (query: (text: string, params: unknown[]) => Promise<unknown[]>) => Promise<void>,
  ): Promise<void>;
}

async function writeRaw(writer: RawWriter, event: Record<string, unknown>): Promise<void> {
  const data = event.data as {
    job: { id: string; title: string; description: string; service: string; created_at: string };
    merchant: { id: string; name: string; email: string; store: { domain: string; name: string } };
    conversation: { id: string };
  };
  const created = new Date(data.job.created_at);
  const expires = new Date(created.getTime() + 72 * 3600 * 1000);
  await writer.transaction(async (q) => {
    await q(
      `insert into intake_events (workspace_id, event_id, type, occurred_at, payload, outcome)
       values ($1, $2, $3, $4, $5, $6)`,
      [WORKSPACE, event.id, event.type, event.occurred_at, JSON.stringify(event), '{}'],
    );
    const [merchant] = (await q(
      `insert into merchants (workspace_id, source_id, name, email, store_domain, store_name, dropshipper)
       values ($1, $2, $3, $4, $5, $6, false)
       on conflict (workspace_id, source_id) do update set name = excluded.name, updated_at = now()
       returning id`,
      [
        WORKSPACE,
        data.merchant.id,
        data.merchant.name,
        data.merchant.email,
        data.merchant.store.domain,
        data.merchant.store.name,
      ],
    )) as { id: number }[];
    const [conversation] = (await q(
      `insert into conversations (workspace_id, source_id, merchant_id) values ($1, $2, $3) returning id`,
      [WORKSPACE, data.conversation.id, merchant?.id],
    )) as { id: number }[];
    const [numbered] = (await q(
      `update workspaces set next_job_number = next_job_number + 1 where id = $1
       returning next_job_number - 1 as number`,
      [WORKSPACE],
    )) as { number: number }[];
    const [job] = (await q(
      `insert into jobs (workspace_id, number, source_id, conversation_id, merchant_id, title,
         description, service, budget_amount, budget_currency, status, source_created_at,
         created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, '500.00', 'USD', 'new', $9, now(), $10) returning id`,
      [
        WORKSPACE,
        numbered?.number,
        data.job.id,
        conversation?.id,
        merchant?.id,
        data.job.title,
        data.job.description,
        data.job.service,
        created.toISOString(),
        expires.toISOString(),
      ],
    )) as { id: number }[];
    await q(
      `insert into job_events (workspace_id, job_id, conversation_id, actor, action, to_status, at)
       values ($1, $2, $3, 'intake', 'create', 'new', now())`,
      [WORKSPACE, job?.id, conversation?.id],
    );
    await q(
      `insert into outbox (workspace_id, topic, payload, coalesce_key) values ($1, 'slack.job_card', $2, $3)
       on conflict do nothing`,
      [WORKSPACE, JSON.stringify({ jobId: job?.id }), `card:job:${job?.id}`],
    );
  });
}

/** A raw writer on `sql`'s database, with the workspace jobdesk's own start would create. */
async function rawWriter(sql: postgres.Sql): Promise<RawWriter> {
  await sql`insert into workspaces (id, jobs_channel_id) values (${WORKSPACE}, ${JOBS_CHANNEL})`;
  return {
    transaction: async (statements) => {
      await sql.begin(async (tx) => {
        // Prepared, as postgres.js prepares its tagged queries by default: a raw writer's
        // statements cost one round trip each once the connection knows them.
        await statements((text, params) => tx.unsafe(text, params as never[], { prepare: true }));
      });
    },
  };
}

async function rawRound(writer: RawWriter, events: number, concurrency: number) {
  const batch = Array.from({ length: events }, () => jobCreated().event);
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < batch.length; i = next++) {
        await writeRaw(writer, batch[i] as Record<string, unknown>).catch(() => {
          failures += 1;
        });
      }
    }),
  );
  return { rate: events / ((performance.now() - started) / 1000), failures };
}

async function jobdeskRound(server: ServerProcess, events: number, concurrency: number) {
  const loader = new Loader(`${server.url}/intake/events`, concurrency);
  try {
    const requests = Array.from({ length: events }, () => signed(jobCreated().body));
    const run = await loader.closedLoop(requests, concurrency, 202);
    return { rate: events / run.seconds, failures: run.failures };
  } finally {
    loader.close();
  }
}

export async function measureIntake(o: IntakeOptions): Promise<IntakeResult> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const slack = await FakeSlack.start({ channels: [{ id: JOBS_CHANNEL, name: 'jobs' }] });
  const dirs: string[] = [];
  const tempDir = (label: string) => {
    const dir = mkdtempSync(join(tmpdir(), `jobdesk-bench-${label}-`));
    // As root the embedded server runs as the user postgres, which must be able to enter it.
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  const databases: BenchDatabase[] = [];
  const servers: ServerProcess[] = [];
  let rawPg: postgres.Sql | undefined;
  let rawEmbedded: postgres.Sql | undefined;
  try {
    const jobdeskPg = await createDatabase('intake_jobdesk');
    const rawPgDb = await createDatabase('intake_raw');
    databases.push(jobdeskPg, rawPgDb);
    // The raw writer's workspace, as jobdesk's own start creates it.
    rawPg = postgres(rawPgDb.url, { max: 10, onnotice: () => {} });
    const rawPgWriter = await rawWriter(rawPg);

    const env = jobdeskEnv(slack, JOBS_CHANNEL);
    const onPostgres = await startServer(
      'jobdesk (Postgres)',
      'dist/main.js',
      { ...env, DATABASE_URL: jobdeskPg.url, DATA_DIR: tempDir('unused') },
      { plain: true },
    );
    servers.push(onPostgres);
    const embeddedDir = tempDir('jobdesk-embedded');
    const onEmbedded = await startServer(
      'jobdesk (embedded)',
      'dist/main.js',
      { ...env, DATA_DIR: embeddedDir },
      { plain: true },
    );
    servers.push(onEmbedded);
    // The raw writer: a database of its own on jobdesk's embedded server.
    const admin = postgres(embeddedServerUrl(embeddedDir, 'postgres'), { max: 1 });
    await admin`create database intake_raw`;
    await admin.end();
    const rawEmbeddedUrl = embeddedServerUrl(embeddedDir, 'intake_raw');
    const migrating = await openDatabase({ url: rawEmbeddedUrl, maxConnections: 2 });
    await migrate(migrating);
    await migrating.close();
    rawEmbedded = postgres(rawEmbeddedUrl, { max: 10, onnotice: () => {} });
    const rawEmbeddedWriter = await rawWriter(rawEmbedded);

    const systems: Record<
      IntakeSystem,
      (events: number) => Promise<{ rate: number; failures: number }>
    > = {
      'raw-postgres': (n) => rawRound(rawPgWriter, n, o.concurrency),
      'jobdesk-postgres': (n) => jobdeskRound(onPostgres, n, o.concurrency),
      'raw-embedded': (n) => rawRound(rawEmbeddedWriter, n, o.concurrency),
      'jobdesk-embedded': (n) => jobdeskRound(onEmbedded, n, o.concurrency),
    };
    const names = Object.keys(systems) as IntakeSystem[];
    const result: IntakeResult = {
      rounds: Object.fromEntries(names.map((n) => [n, []])) as unknown as IntakeResult['rounds'],
      median: {} as IntakeResult['median'],
      failures: Object.fromEntries(names.map((n) => [n, 0])) as unknown as IntakeResult['failures'],
    };
    // Warm up every path (JIT, connections, plans) before the first timed round.
    for (const name of names) await systems[name](Math.min(200, o.events));
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 === 0 ? names : [...names].reverse();
      for (const name of order) {
        const { rate, failures } = await systems[name](o.events);
        result.rounds[name].push(rate);
        result.failures[name] += failures;
        o.log(
          `intake: round ${round + 1} ${name}: ${rate.toFixed(0)} events/s${failures ? `, ${failures} failed` : ''}`,
        );
      }
    }
    for (const name of names) result.median[name] = median(result.rounds[name]);
    for (const server of servers) {
      const errors = server.errors();
      if (errors.length)
        o.log(`intake: ${server.name} logged errors:\n  ${errors.slice(-5).join('\n  ')}`);
    }
    return result;
  } finally {
    for (const server of servers) await server.stop();
    await rawPg?.end();
    await rawEmbedded?.end();
    for (const database of databases) await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await slack.stop();
  }
}
