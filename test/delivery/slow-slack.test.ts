// Slack answers every call after 5 seconds. Button clicks and commands are still acknowledged
// within Slack's 3 seconds: the acks come back while a call to Slack that started before them is
// still waiting for its answer (no clock is read to decide it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCreatedWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import {
  ALICE,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';
import { INTAKE_SECRET } from '../support/test-app.ts';
import { feed } from './support.ts';

let t: SlackTestApp;
let card: { ts: string };
const wire = jobCreatedWire({ jobId: 'job_slow', conversationId: 'conv_slow', title: 'Slow' });

beforeAll(async () => {
  t = await startSlackTestApp();
  await t.intake(wire);
  const posted = t.slack.channel(JOBS_CHANNEL).find('Slow');
  if (!posted) throw new Error('no card');
  card = posted;
  // Alice has acted before, so the app knows she is a member without asking Slack again.
  await t.client.click('Open', { user: ALICE, in: { channel: JOBS_CHANNEL, ts: card.ts } });
  await t.settle();
  t.slack.setFault('*', { delayMs: 5000 });
});
afterAll(async () => {
  t?.slack.clearFaults();
  await t?.close();
});

/** Calls Slack has started to answer but not finished: they are logged only once answered. */
const started = () => t.slack.injectedFaults().length;
const answered = () => t.slack.calls().filter((c) => c.fault).length;

/** Puts the outbox worker in the middle of a slow Slack call, and returns when it is. */
async function slackBusy(): Promise<number> {
  const status = await feed(
    t.app.url,
    INTAKE_SECRET,
    messageReceivedWire({ jobId: 'job_slow', conversationId: 'conv_slow', body: 'Hello?' }),
  );
  expect(status).toBe(202);
  await t.slack.waitFor(() => started() > answered(), { timeoutMs: 5000 });
  return answered();
}

describe('Slack slow to answer (5 s a call)', () => {
  it('a button click is acknowledged while Slack is still busy', async () => {
    const answeredBefore = await slackBusy();
    const click = await t.client.click('Assign to me', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    expect(click.status).toBe(200);
    // No slow call finished meanwhile, so the ack took less than the 5 s Slack took.
    expect(answered()).toBe(answeredBefore);
  });

  it('a /jobs command is acknowledged while Slack is still busy', async () => {
    await t.slack.waitFor(() => started() > answered(), { timeoutMs: 5000 });
    const answeredBefore = answered();
    const list = await t.client.command('/jobs list', { user: ALICE, channel: JOBS_CHANNEL });
    expect(list.status).toBe(200);
    const form = await t.client.command('/jobs new', { user: ALICE, channel: JOBS_CHANNEL });
    expect(form.status).toBe(200);
    expect(answered()).toBe(answeredBefore);
    // And the command's answer does arrive, late, the way Slack slowed it down.
    await t.slack.waitFor(
      () => t.slack.calls('response_url').some((c) => c.fault && c.status === 200),
      { timeoutMs: 15_000 },
    );
  });
});
