/** The table `npm run bench` prints: each figure next to its limit, the ratio, and the target. */
import type { AckResult, AckSeries } from './ack-latency.ts';
import type { CrashResult } from './crash.ts';
import type { DeliveryResult } from './delivery.ts';
import type { EmailResult } from './email.ts';
import type { IntakeResult } from './intake.ts';
import { fmt, median } from './lib/stats.ts';
import type { QueriesResult } from './queries.ts';
import type { ReplicasResult } from './replicas.ts';
import type { BurstFigures, StartupResult } from './startup.ts';

export interface Row {
  section: string;
  figure: string;
  value: string;
  limit: string;
  ratio: string;
  target: string;
  /** undefined: no target, only a figure. */
  met?: boolean;
}

const ms = (v: number) => fmt(v, ' ms');

export function ackRows(ack: AckResult): Row[] {
  const rows: Row[] = [];
  const find = (kind: string, concurrency: number, app: string) =>
    ack.series.find((s) => s.kind === kind && s.concurrency === concurrency && s.app === app) as
      | AckSeries
      | undefined;
  const concurrencies = [...new Set(ack.series.map((s) => s.concurrency))];
  for (const kind of ['click', 'list'] as const) {
    for (const c of concurrencies) {
      const jd = find(kind, c, 'jobdesk');
      const bare = find(kind, c, 'bare');
      if (!jd || !bare) continue;
      const shown = kind === 'click' ? `"Assign to me" ×${c}` : `/jobs list ×${c}`;
      // Which jobdesk acked: one process doing everything, or a web process beside a worker.
      const label = `${shown} (${ack.role === 'split' ? 'web + worker' : 'all'})`;
      rows.push({
        section: '1 ack',
        figure: `${label} p50`,
        value: ms(jd.p50),
        limit: `bare Bolt ${ms(bare.p50)}`,
        ratio: `${fmt(jd.p50 / bare.p50)}×`,
        target: '',
      });
      rows.push({
        section: '1 ack',
        figure: `${label} p99`,
        value: ms(jd.p99),
        limit: `bare Bolt ${ms(bare.p99)}`,
        ratio: `${fmt(jd.p99 / bare.p99)}×`,
        // The /jobs list target is set at 50 at once (issue 16); at 200 bare Bolt alone takes
        // longer than 100 ms to ack them all on two cores, so that row is a figure.
        ...(kind === 'click'
          ? { target: '≤ 1.5× bare', met: jd.p99 <= 1.5 * bare.p99 }
          : c <= 50
            ? { target: '< 100 ms', met: jd.p99 < 100 }
            : { target: '' }),
      });
      rows.push({
        section: '1 ack',
        figure: `${label} answered (response_url) p50 / p99`,
        value: `${ms(jd.answerP50 ?? Number.NaN)} / ${ms(jd.answerP99 ?? Number.NaN)}`,
        limit: '',
        ratio: '',
        target: '',
      });
    }
  }
  for (const app of ['jobdesk', 'bare'] as const) {
    const m = ack.memory[app];
    rows.push({
      section: '5 memory',
      figure: `${app === 'bare' ? 'bare Bolt' : `jobdesk (${ack.role === 'split' ? 'web' : 'all'})`} RSS idle / during 1 (median, peak)`,
      value: `${fmt(m.idleMiB)} / ${fmt(m.medianMiB)}, ${fmt(m.peakMiB)} MiB`,
      limit: '',
      ratio: '',
      target: '',
    });
  }
  return rows;
}

/**
 * jobdesk's share of its baseline: the median of the rounds' own ratios (each round measures the
 * two back to back, so a busy moment on the machine hits both), with each round's in brackets.
 */
function pairedShare(jobdesk: number[], baseline: number[]): { share: number; text: string } {
  const shares = jobdesk.map((rate, i) => rate / (baseline[i] ?? Number.NaN));
  const share = median(shares);
  const each = shares.map((v) => fmt(100 * v)).join(' / ');
  return { share, text: `${fmt(100 * share)}% (${each})` };
}

export function intakeRows(intake: IntakeResult): Row[] {
  const m = intake.median;
  const r = intake.rounds;
  const pg = pairedShare(r['jobdesk-postgres'], r['raw-postgres']);
  const embedded = pairedShare(r['jobdesk-embedded'], r['raw-embedded']);
  return [
    {
      section: '2 intake',
      figure: 'job.created into Postgres',
      value: `${fmt(m['jobdesk-postgres'])} events/s`,
      limit: `raw postgres.js ${fmt(m['raw-postgres'])}/s`,
      ratio: pg.text,
      target: '≥ 40% of raw',
      met: pg.share >= 0.4,
    },
    {
      section: '2 intake',
      figure: 'job.created into the embedded PostgreSQL',
      value: `${fmt(m['jobdesk-embedded'])} events/s`,
      limit: `raw postgres.js, same server ${fmt(m['raw-embedded'])}/s`,
      ratio: embedded.text,
      target: '≥ 50% of raw',
      met: embedded.share >= 0.5,
    },
  ];
}

export function deliveryRows(d: DeliveryResult): Row[] {
  return [
    {
      section: '3 delivery',
      figure: `${d.jobs} new jobs, one channel: time to drain`,
      value: fmt(d.drainSeconds, ' s'),
      limit: `minimum ${fmt(d.minimumSeconds, ' s')}`,
      ratio: `${fmt(100 * d.shareOfLimit)}% of limit`,
      target: '≥ 90% of limit',
      met: d.shareOfLimit >= 0.9 && d.posted === d.jobs,
    },
    {
      section: '3 delivery',
      figure: 'chat.postMessage calls answered 429',
      value: `${d.rateLimited} of ${d.postCalls}`,
      limit: '',
      ratio: `${fmt((100 * d.rateLimited) / d.postCalls)}%`,
      target: '< 2%',
      met: d.rateLimited / d.postCalls < 0.02,
    },
  ];
}

export function replicasRows(r: ReplicasResult): Row[] {
  const pct = (v: number) => `${fmt(100 * v)}%`;
  return [
    {
      section: '8 replicas',
      figure: `${r.jobs} new jobs via ${r.replicas} replicas, one channel: time to drain`,
      value: fmt(r.drainSeconds, ' s'),
      limit: `minimum ${fmt(r.minimumSeconds, ' s')}`,
      ratio: `${pct(r.drainSeconds / r.minimumSeconds)} of minimum`,
      target: '≤ 105% of minimum',
      met: r.shareOfMinimum <= 1.05,
    },
    {
      section: '8 replicas',
      figure: '  from the first card to the last',
      value: fmt(r.fromFirstCardSeconds, ' s'),
      limit: `minimum ${fmt(r.minimumSeconds, ' s')}`,
      ratio: `${pct(r.fromFirstCardSeconds / r.minimumSeconds)} of minimum`,
      target: '',
    },
    {
      section: '8 replicas',
      figure: 'chat.postMessage calls answered 429',
      value: `${r.rateLimited} of ${r.postCalls}`,
      limit: '',
      ratio: pct(r.rateLimited / r.postCalls),
      target: '< 2%',
      met: r.rateLimited / r.postCalls < 0.02,
    },
    {
      section: '8 replicas',
      figure: 'jobs with a card in the channel / cards posted twice',
      value: `${r.posted} of ${r.jobs} / ${r.duplicateCards}`,
      limit: '',
      ratio: '',
      target: `${r.jobs}, none twice`,
      met: r.posted === r.jobs && r.duplicateCards === 0,
    },
  ];
}

export function crashRows(c: CrashResult): Row[] {
  const over = `${c.rounds.length} kill -9 rounds × ${c.jobs} jobs`;
  return [
    {
      section: '9 crash',
      figure: `${over}: cards twice / never posted`,
      value: `${c.duplicateCards} / ${c.lostCards} of ${c.expected}`,
      limit: '',
      ratio: '',
      target: '0 / 0',
      met: c.duplicateCards === 0 && c.lostCards === 0,
    },
    {
      section: '9 crash',
      figure: `${over}: thread posts twice / never posted`,
      value: `${c.duplicatePosts} / ${c.lostPosts} of ${c.expected}`,
      limit: '',
      ratio: '',
      target: '0 / 0',
      met: c.duplicatePosts === 0 && c.lostPosts === 0,
    },
    {
      section: '9 crash',
      figure: '  conversations.history / replies look-ups',
      value: String(c.lookups),
      limit: '',
      ratio: `${fmt(c.lookups / c.rounds.length)} a round`,
      target: '',
    },
  ];
}

export function queriesRows(q: QueriesResult): Row[] {
  const pair = (figure: string, s: { p50: number; p99: number }, target = '', met?: boolean) => ({
    section: '4 queries',
    figure,
    value: `${ms(s.p50)} / ${ms(s.p99)}`,
    limit: '',
    ratio: '',
    target,
    ...(met === undefined ? {} : { met }),
  });
  return [
    pair('/jobs mine p50 / p99', q.jobsMine),
    pair('/jobs list p50 / p99 (one at a time)', q.jobsList, 'p99 < 100 ms', q.jobsList.p99 < 100),
    pair('App Home (app_home_opened) p50 / p99', q.appHome),
    pair(`expiry sweep, ${q.expiredPerSweep} due jobs p50 / p99`, q.sweep),
    pair('  one sweep transaction (200 jobs) p50 / p99', q.sweepBatch),
  ];
}

export function printTable(rows: Row[], out: (line: string) => void): void {
  const header: Row = {
    section: '',
    figure: 'figure',
    value: 'jobdesk',
    limit: 'limit / baseline',
    ratio: 'ratio',
    target: 'target',
    met: true,
  };
  const cells = (r: Row) => [
    r.section,
    r.figure,
    r.value,
    r.limit,
    r.ratio,
    r.target,
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ];
  const all = [header, ...rows].map(cells);
  (all[0] as string[])[6] = 'result';
  const widths = all[0]?.map((_, i) => Math.max(...all.map((c) => (c[i] ?? '').length))) ?? [];
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  out(line(all[0] as string[]));
  out(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of all.slice(1)) out(line(c));
}

export function startupRows(st: StartupResult): Row[] {
  const m = st.median;
  const bare = m.bare;
  const label = {
    'embedded-first': 'embedded PostgreSQL, first start',
    'embedded-again': 'embedded PostgreSQL, later start',
    postgres: 'Postgres (DATABASE_URL)',
  } as const;
  const rows: Row[] = [
    {
      section: '6 start',
      figure: 'bare Bolt app: first answer / idle tree',
      value: `${ms(bare.healthyMs)} / ${fmt(bare.rssMiB, ' MiB')}`,
      limit: `PSS ${fmt(bare.pssMiB, ' MiB')}`,
      ratio: '',
      target: '',
    },
  ];
  for (const system of ['embedded-first', 'embedded-again', 'postgres'] as const) {
    const v = m[system];
    const memoryTarget =
      system === 'postgres'
        ? { target: '≤ 1.3× bare', met: v.rssMiB <= 1.3 * bare.rssMiB }
        : { target: '≤ 150 MiB', met: v.rssMiB <= 150 };
    rows.push(
      {
        section: '6 start',
        figure: `${label[system]}: healthy after`,
        value: ms(v.healthyMs),
        limit: `bare Bolt ${ms(bare.healthyMs)}`,
        ratio: `${fmt(v.healthyMs / bare.healthyMs)}×`,
        ...(system === 'embedded-first'
          ? { target: '≤ 3 s', met: v.healthyMs <= 3000 }
          : { target: '' }),
      },
      {
        section: '6 start',
        figure: `${label[system]}: idle, whole tree`,
        value: `${fmt(v.rssMiB, ' MiB')} RSS (PSS ${fmt(v.pssMiB, ' MiB')})`,
        limit: `bare Bolt ${fmt(bare.rssMiB, ' MiB')}`,
        ratio: `${fmt(v.rssMiB / bare.rssMiB)}×`,
        ...memoryTarget,
      },
    );
  }
  rows.push(...burstRows(st));
  return rows;
}

/**
 * Memory under the ack bursts, after the idle read: the tree's RSS over every 100 ms sample from
 * each burst's first request to its last answer, median and peak, next to bare Bolt's.
 */
function burstRows(st: StartupResult): Row[] {
  const b = st.underBursts;
  const bare = b.bare;
  const pair = (f: BurstFigures) => `${fmt(f.medianMiB)} / ${fmt(f.peakMiB)} MiB`;
  // Requests whose ack was not 200 or that jobdesk never answered: the figure is then in doubt.
  const lost = (f: BurstFigures) =>
    f.failures || f.unanswered ? ` (${f.failures} failed, ${f.unanswered} unanswered)` : '';
  const rows: Row[] = [
    {
      section: '6 start',
      figure: `bare Bolt app: under ack bursts, median / peak (${bare.requests} requests)`,
      value: `${pair(bare)}${lost(bare)}`,
      limit: '',
      ratio: '',
      target: '',
    },
  ];
  const label = {
    'embedded-again': 'embedded PostgreSQL, later start',
    postgres: 'Postgres (DATABASE_URL)',
  } as const;
  for (const system of ['embedded-again', 'postgres'] as const) {
    const f = b[system];
    rows.push({
      section: '6 start',
      figure: `${label[system]}: under ack bursts, whole tree, median / peak`,
      value: `${pair(f)} RSS${lost(f)}`,
      limit: `bare Bolt ${pair(bare)}`,
      ratio: `${fmt(f.medianMiB / bare.medianMiB)}× / ${fmt(f.peakMiB / bare.peakMiB)}×`,
      // The issue's memory target for Postgres mode holds under the bursts too, read on the
      // median; the embedded default's 150 MiB is an idle target, so here only the figure.
      ...(system === 'postgres'
        ? { target: '≤ 1.3× bare (median)', met: f.medianMiB <= 1.3 * bare.medianMiB }
        : { target: '' }),
    });
  }
  return rows;
}

export function emailRows(email: EmailResult): Row[] {
  const ms = (s: { p50: number; p99: number }) => `p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms`;
  return [
    {
      section: '7 email',
      figure: 'email in (SMTP) → card posted',
      value: ms(email.inToCardMs),
      limit: '—',
      ratio: '—',
      target: 'p99 < 1000 ms',
      met: email.inToCardMs.p99 < 1000,
    },
    {
      section: '7 email',
      figure: 'reply → email at the relay',
      value: ms(email.replyToRelayMs),
      limit: '—',
      ratio: '—',
      target: 'p99 < 1000 ms',
      met: email.replyToRelayMs.p99 < 1000,
    },
    {
      section: '7 email',
      figure: 'inbound email over SMTP (stored before 250)',
      value: `${fmt(email.inboundPerSecond)} emails/s`,
      limit: '—',
      ratio: '—',
      target: email.failures ? `${email.failures} refused` : 'none refused',
      met: email.failures === 0,
    },
  ];
}
