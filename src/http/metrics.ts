import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryObserver } from '../delivery/worker.ts';

export interface MetricsSources {
  /** Outbox rows waiting (pending or in flight), dead, and the age of the oldest waiting one. */
  outbox: () => Promise<{ pending: number; dead: number; oldestAgeMs: number | null }>;
  /** Jobs per status. */
  jobsByStatus: () => Promise<Record<string, number>>;
}

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

  // The three outbox gauges share one reading per scrape. Each collects it itself: prom-client
  // reads the gauges side by side, so a gauge set by another's collect showed the scrape before.
  let reading: ReturnType<MetricsSources['outbox']> | undefined;
  const outboxNow = () => {
    reading ??= sources.outbox().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  new Gauge({
    name: 'jobdesk_outbox_pending',
    help: 'Outbox rows waiting to be delivered (pending or in flight)',
    registers: [registry],
    async collect() {
      this.set((await outboxNow()).pending);
    },
  });
  new Gauge({
    name: 'jobdesk_outbox_dead',
    help: 'Outbox rows given up on (admins retry them with /jobs outbox)',
    registers: [registry],
    async collect() {
      this.set((await outboxNow()).dead);
    },
  });
  new Gauge({
    name: 'jobdesk_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox row still waiting to be delivered (0 when none waits)',
    registers: [registry],
    async collect() {
      const { oldestAgeMs } = await outboxNow();
      this.set(oldestAgeMs === null ? 0 : oldestAgeMs / 1000);
    },
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
