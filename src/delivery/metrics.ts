import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxDepth } from '../services/ports.ts';
import type { CircuitState } from './circuit.ts';
import type { DeliveryObserver } from './worker.ts';

export interface MetricsSources {
  /** Outbox rows waiting (pending or in flight), dead, and the ages of the oldest waiting ones. */
  outbox: () => Promise<OutboxDepth>;
  /** Jobs per status. */
  jobsByStatus: () => Promise<Record<string, number>>;
}

const CIRCUIT_STATES: CircuitState[] = ['closed', 'open', 'probing'];

export interface Metrics {
  registry: Registry;
  /** Hand to the outbox worker: latency of each delivery, errors by target and code. */
  observer: DeliveryObserver;
  /** GET /metrics in Prometheus' text format. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * jobdesk's Prometheus metrics, in a registry of its own (several apps can live in one test
 * process). Gauges read the database when scraped; a scrape while the database is away answers
 * 503 instead of stale numbers.
 */
export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jobdesk_' });

  const latency = new Histogram({
    name: 'jobdesk_delivery_duration_seconds',
    help: 'Time from claiming an outbox row to settling it, by topic and result',
    labelNames: ['topic', 'result'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const slackErrors = new Counter({
    name: 'jobdesk_slack_errors_total',
    help: "Failed Slack Web API deliveries by Slack's error code (or http_<status>)",
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const webhookErrors = new Counter({
    name: 'jobdesk_webhook_errors_total',
    help: 'Failed outbound webhook deliveries by cause',
    labelNames: ['code'] as const,
    registers: [registry],
  });

  // The outbox gauges share one reading per scrape: prom-client collects the gauges side by side,
  // so the first to ask starts the read and the others join it; once it is in, the next scrape
  // reads afresh. (A gauge set by another's collect showed the scrape before.)
  let depthRead: Promise<OutboxDepth> | undefined;
  const depth = () => {
    depthRead ??= sources.outbox().finally(() => {
      depthRead = undefined;
    });
    return depthRead;
  };
  const outboxGauge = (name: string, help: string, read: (d: OutboxDepth) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(read(await depth()));
      },
    });
  outboxGauge(
    'jobdesk_outbox_pending',
    'Outbox rows waiting to be delivered (pending or in flight)',
    (d) => d.pending,
  );
  outboxGauge(
    'jobdesk_outbox_dead',
    'Outbox rows given up on (admins retry them with /jobs outbox)',
    (d) => d.dead,
  );
  outboxGauge(
    'jobdesk_outbox_oldest_pending_age_seconds',
    'Age of the oldest outbox row still waiting to be delivered (0 when none waits)',
    (d) => (d.oldestAgeMs ?? 0) / 1000,
  );
  outboxGauge(
    'jobdesk_outbox_oldest_due_age_seconds',
    'How long the outbox row due longest has been due without being delivered (0 when none is)',
    (d) => (d.overdueMs ?? 0) / 1000,
  );
  const circuits = new Gauge({
    name: 'jobdesk_delivery_circuit_state',
    help: 'Circuit of each delivery target: 1 for its current state (closed, open, probing), else 0',
    labelNames: ['target', 'state'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'jobdesk_jobs',
    help: 'Jobs by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await sources.jobsByStatus();
      this.reset();
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });

  const observer: DeliveryObserver = {
    settled(topic, result, seconds) {
      latency.observe({ topic, result }, seconds);
    },
    failed(topic, code) {
      if (topic.startsWith('slack.')) slackErrors.inc({ code });
      else webhookErrors.inc({ code });
    },
    circuit(target, state) {
      for (const each of CIRCUIT_STATES)
        circuits.set({ target, state: each }, each === state ? 1 : 0);
    },
  };

  const handler = (_req: IncomingMessage, res: ServerResponse) => {
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
        res.end(text);
      },
      (error: unknown) => {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`metrics unavailable: ${(error as Error).message}\n`);
      },
    );
  };
  return { registry, observer, handler };
}
