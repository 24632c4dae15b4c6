/**
 * `npm run bench [-- --quick] [-- --only=ack,intake,delivery,replicas,crash,queries,email] [-- --json=results.json]`
 *
 * Measures jobdesk next to its limits — a bare Bolt app, raw postgres.js inserts, Slack's posting
 * limit — in the same run, on the local Postgres (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; it creates and drops its own databases), and
 * prints one table. `--quick` takes fewer samples and 60 jobs instead of 500 for the delivery
 * burst (about 3 minutes instead of 20), for development; BENCHMARKS.md holds a full run.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { type AckOptions, type AckResult, measureAck } from './ack-latency.ts';
import { type CrashResult, measureCrash } from './crash.ts';
import { type DeliveryResult, measureDelivery } from './delivery.ts';
import { type EmailResult, measureEmail } from './email.ts';
import { type IntakeResult, measureIntake } from './intake.ts';
import { checkServer, createDatabase } from './lib/postgres.ts';
import { SEED_DEFAULTS, seededRanges, seedWorkspace } from './lib/seed.ts';
import { measureQueries, type QueriesResult } from './queries.ts';
import { measureReplicas, type ReplicasResult } from './replicas.ts';
import {
  ackRows,
  crashRows,
  deliveryRows,
  emailRows,
  intakeRows,
  printTable,
  queriesRows,
  type Row,
  replicasRows,
  startupRows,
} from './report.ts';
import { measureStartup, type StartupResult } from './startup.ts';

const MEASUREMENTS = [
  'queries',
  'ack',
  'intake',
  'delivery',
  'replicas',
  'crash',
  'start',
  'email',
] as const;
type Measurement = (typeof MEASUREMENTS)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',') as Measurement[] | undefined;
// `--ack-roles=all`: measurement 1 against the one-process jobdesk only (to try a change quickly).
const ackRoles = (
  args.find((a) => a.startsWith('--ack-roles='))?.slice('--ack-roles='.length) ?? 'all,split'
).split(',');
const jsonPath = args.find((a) => a.startsWith('--json='))?.slice('--json='.length);
for (const name of only ?? []) {
  if (!MEASUREMENTS.includes(name)) {
    console.error(`unknown measurement "${name}"; choose from ${MEASUREMENTS.join(', ')}`);
    process.exit(2);
  }
}
const wanted = (name: Measurement) => !only || only.includes(name);

const WORKSPACE = 'T_TEAM'; // the fake Slack's team: jobdesk learns it from auth.test
const JOBS_CHANNEL = 'C0JOBS';

const started = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const postgresVersion = await checkServer();
const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  postgres: postgresVersion,
  loadAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  mode: quick ? 'quick' : 'full',
};
log(
  `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}; load ${machine.loadAtStart.join(' ')}; ${machine.mode} run`,
);

const results: {
  queries?: QueriesResult;
  ack?: AckResult;
  /** The same with JOBDESK_ROLE=web acking and a separate worker process delivering. */
  ackSplit?: AckResult;
  intake?: IntakeResult;
  delivery?: DeliveryResult;
  replicas?: ReplicasResult;
  crash?: CrashResult;
  startup?: StartupResult;
  email?: EmailResult;
} = {};

// First, while the machine is quiet: the start itself is what is measured.
if (wanted('start')) {
  log('measurement 6: production start, time to healthy, memory idle and under ack bursts');
  results.startup = await measureStartup({
    rounds: quick ? 3 : 5,
    // Past the embedded pool's connection lifetime (60 s), as a jobdesk between bursts is.
    idleMs: 70_000,
    // Each round: one burst of each kind at each size, so a full run sends 5 of each.
    bursts: { concurrencies: [50, 200], bursts: 1 },
    jobs: 200,
    log,
  });
}

if (wanted('queries') || wanted('ack')) {
  const scale = await createDatabase('scale');
  try {
    const now = new Date();
    log(`seeding ${SEED_DEFAULTS.jobs} jobs and ${SEED_DEFAULTS.members} members`);
    const seedStarted = performance.now();
    await seedWorkspace(scale.url, {
      ...SEED_DEFAULTS,
      workspaceId: WORKSPACE,
      jobsChannel: JOBS_CHANNEL,
      now,
    });
    log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    if (wanted('queries')) {
      log('measurement 4: queries at scale');
      results.queries = await measureQueries({
        url: scale.url,
        workspaceId: WORKSPACE,
        now,
        members: SEED_DEFAULTS.members,
        dueJobs: SEED_DEFAULTS.dueJobs,
        reads: quick ? 100 : 500,
        sweeps: quick ? 2 : 5,
      });
    }
    if (wanted('ack')) {
      log('measurements 1 and 5: ack latency and memory');
      const { open, answered } = seededRanges(SEED_DEFAULTS);
      const assignable = answered.to - open.from + 1;
      const cards = quick ? 300 : 2000;
      const ackOptions: AckOptions = {
        url: scale.url,
        workspaceId: WORKSPACE,
        jobsChannel: JOBS_CHANNEL,
        members: SEED_DEFAULTS.members,
        // Spread over the open and answered jobs: assigning needs a job that is not closed.
        clickJobs: Array.from(
          { length: cards },
          (_, i) => open.from + Math.floor((i * assignable) / cards),
        ),
        concurrencies: [50, 200],
        samples: quick ? 400 : 2000,
        rounds: quick ? 2 : 5,
        warmup: quick ? 100 : 400,
        log,
      };
      if (ackRoles.includes('all')) results.ack = await measureAck(ackOptions);
      if (ackRoles.includes('split'))
        results.ackSplit = await measureAck({ ...ackOptions, role: 'split' });
    }
  } finally {
    await scale.drop();
  }
}

if (wanted('intake')) {
  log('measurement 2: intake throughput');
  results.intake = await measureIntake({
    events: quick ? 500 : 2000,
    concurrency: 16,
    rounds: quick ? 1 : 5,
    log,
  });
}

if (wanted('delivery')) {
  const jobs = quick ? 60 : 500;
  log(
    `measurement 3: delivery of ${jobs} cards at one a second (about ${Math.ceil(jobs / 60)} min)`,
  );
  results.delivery = await measureDelivery({ jobs, perSecond: 1, burst: 1, log });
}

if (wanted('replicas')) {
  // The same 60 jobs in a quick run: the drain is a minute at one card a second however it runs.
  log('measurement 8: 60 cards from three replicas at one a second (about 1 min)');
  results.replicas = await measureReplicas({ replicas: 3, jobs: 60, log });
}

if (wanted('crash')) {
  const rounds = quick ? 3 : 10;
  log(`measurement 9: ${rounds} kill -9 rounds of 40 jobs and 40 thread posts`);
  results.crash = await measureCrash({ rounds, jobs: 40, log });
}

if (wanted('email')) {
  log('measurement 6: email in → card, reply → relay, inbound throughput');
  results.email = await measureEmail({
    samples: quick ? 20 : 100,
    burst: quick ? 200 : 1000,
    concurrency: 8,
    log,
  });
}

const rows: Row[] = [
  ...(results.ack ? ackRows(results.ack).filter((r) => r.section.startsWith('1')) : []),
  ...(results.ackSplit ? ackRows(results.ackSplit).filter((r) => r.section.startsWith('1')) : []),
  ...(results.intake ? intakeRows(results.intake) : []),
  ...(results.delivery ? deliveryRows(results.delivery) : []),
  ...(results.replicas ? replicasRows(results.replicas) : []),
  ...(results.crash ? crashRows(results.crash) : []),
  ...(results.queries ? queriesRows(results.queries) : []),
  ...(results.email ? emailRows(results.email) : []),
  ...(results.ack ? ackRows(results.ack).filter((r) => r.section.startsWith('5')) : []),
  ...(results.ackSplit ? ackRows(results.ackSplit).filter((r) => r.section.startsWith('5')) : []),
  ...(results.startup ? startupRows(results.startup) : []),
];
const loadAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
console.log('');
console.log(
  `jobdesk benchmarks (${machine.mode}): ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.postgres}`,
);
console.log(
  `load average ${machine.loadAtStart.join(' ')} at start, ${loadAtEnd.join(' ')} at end; ${((Date.now() - started) / 60_000).toFixed(1)} min`,
);
console.log('');
printTable(rows, console.log);
if (results.ack?.unsettled) {
  console.log(`\nnote: ${results.ack.unsettled} ack bursts had not settled within 120 s`);
}
if (jsonPath) {
  writeFileSync(jsonPath, `${JSON.stringify({ machine, loadAtEnd, results, rows }, null, 2)}\n`);
  console.log(`\nresults written to ${jsonPath}`);
}
const missed = rows.filter((r) => r.met === false).length;
process.exitCode = 0;
if (missed) console.log(`\n${missed} target(s) missed`);
