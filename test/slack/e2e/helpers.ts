import type { SlackMessage } from '@jobdesk/fake-slack';
import { buttonLabels, visibleText } from '@jobdesk/fake-slack';
import { eq } from 'drizzle-orm';
import { jobEvents, jobs } from '../../../src/db/schema.ts';
import { jobCreatedWire, type WireOptions } from '../../fixtures/intake-events.ts';
import { JOBS_CHANNEL, type SlackTestApp } from '../../support/slack-test-app.ts';

/** The card of `J-<n>` in the jobs channel, as a person sees it. */
export function cardOf(t: SlackTestApp, number: number): SlackMessage {
  const card = t.slack.channel(JOBS_CHANNEL).find(`J-${number}`);
  if (!card) throw new Error(`no card for J-${number} in the jobs channel`);
  return card;
}

export const textOf = (message: SlackMessage) => visibleText(message);
export const labelsOf = (message: SlackMessage) => buttonLabels(message);

export async function storedJob(t: SlackTestApp, number: number) {
  const [row] = await t.app.database.db.select().from(jobs).where(eq(jobs.number, number));
  if (!row) throw new Error(`no J-${number} in the database`);
  return row;
}

export async function auditOf(t: SlackTestApp, number: number) {
  const job = await storedJob(t, number);
  return t.app.database.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id));
}

/** The newest ephemeral message one person saw. */
export function lastEphemeral(t: SlackTestApp, userId: string): string {
  return t.slack.ephemerals(userId).at(-1)?.text ?? '';
}

/** Number of `J-<n>` from an intake answer like `{ job: 'J-3' }`. */
export function numberOf(answer: { body: Record<string, unknown> }): number {
  return Number(String(answer.body.job).slice(2));
}

/**
 * A new job through the intake API, created now on the app's clock unless `options` says when;
 * its card is posted by the time this resolves (the intake settles the app).
 */
export async function newJob(t: SlackTestApp, options: WireOptions = {}) {
  const wire = jobCreatedWire({ ...options, createdAt: options.createdAt ?? t.clock.now });
  return { wire, number: numberOf(await t.intake(wire)) };
}

/** The newest top-level message of the jobs channel. */
export function latestInChannel(t: SlackTestApp): SlackMessage {
  const message = t.slack.channel(JOBS_CHANNEL).latest();
  if (!message) throw new Error('the jobs channel is empty');
  return message;
}

/** The jobs-channel message at `ts`, as it reads now. */
export function messageAt(t: SlackTestApp, ts: string): SlackMessage {
  const message = t.slack.channel(JOBS_CHANNEL).message(ts);
  if (!message) throw new Error(`no message ${ts} in the jobs channel`);
  return message;
}

/**
 * Waits until an async check passes. Listeners ack before they act, so a click's HTTP answer
 * comes back before what it changes is stored.
 */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
