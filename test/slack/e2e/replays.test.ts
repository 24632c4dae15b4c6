import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonObject } from '@jobdesk/fake-slack';
import { commandForm } from '@jobdesk/fake-slack/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../src/db/schema.ts';
import {
  ALICE,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../../support/slack-test-app.ts';
import { cardOf, newJob, storedJob } from './helpers.ts';

// Issue 12, item 5: a double click, a Slack retry or a replayed request (same signed body within
// the 5-minute window) never reaches the merchant twice; every message's outbound delivery has
// an id derived from the message, so a receiver can drop repeats too.

const received: Record<string, unknown>[] = [];
let receiver: Server;
let t: SlackTestApp;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  t = await startSlackTestApp({
    outboundWebhook: { url: `http://127.0.0.1:${port}/hook`, secret: 'outbound-secret-0123456789' },
  });
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const FORM = 'application/x-www-form-urlencoded';
const sent = () => received.filter((r) => r.type === 'message.sent');

async function teamMessages(number: number) {
  const job = await storedJob(t, number);
  return t.app.database.db.select().from(messages).where(eq(messages.jobId, job.id));
}

describe('the same reply twice', () => {
  it('a reply modal submitted twice stores and sends one message', async () => {
    const { number } = await newJob(t);
    await t.client.click('Reply', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
    const before = sent().length;
    const first = await t.client.submitView({ user: ALICE, values: { reply_body: 'On it!' } });
    expect(first.errors).toBeUndefined();
    // The exact same signed request again, as a double click or a replay sends it.
    const again = await t.client.send(
      new URLSearchParams({ payload: JSON.stringify(first.payload as JsonObject) }).toString(),
      FORM,
    );
    expect(again.status).toBe(200);
    expect(again.body).not.toMatch(/errors/);
    await t.settle();
    expect((await teamMessages(number)).map((m) => m.body)).toEqual(['On it!']);
    expect(sent().length - before).toBe(1);
    const thread = t.slack.channel(JOBS_CHANNEL).thread(cardOf(t, number).ts);
    expect(thread.filter((m) => JSON.stringify(m).includes('On it!'))).toHaveLength(1);
  });

  it('/jobs reply replayed with the same trigger id stores and sends one message', async () => {
    const { number } = await newJob(t);
    const before = sent().length;
    const alice = t.slack.user(ALICE);
    if (!alice) throw new Error('no Alice');
    const form = commandForm(t.slack, {
      teamId: t.app.workspaceId,
      channel: JOBS_CHANNEL,
      channelName: 'jobs',
      user: alice,
      command: '/jobs',
      text: `reply J-${number} Starting tomorrow`,
      responseUrl: t.slack.mintResponseUrl({ user: ALICE, channel: JOBS_CHANNEL }),
      triggerId: t.slack.mintTriggerId(ALICE),
    });
    const answered = t.slack.ephemerals(ALICE).length;
    expect((await t.client.send(form, FORM)).status).toBe(200);
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length === answered + 1);
    expect((await t.client.send(form, FORM)).status).toBe(200);
    // The repeat is answered as the first was (it did go out once), and changes nothing.
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length === answered + 2);
    expect(t.slack.ephemerals(ALICE).at(-1)?.text).toContain(`Sent to the merchant of J-${number}`);
    await t.settle();
    expect((await teamMessages(number)).map((m) => m.body)).toEqual(['Starting tomorrow']);
    expect(sent().length - before).toBe(1);
  });

  it('each message.sent delivery carries an id derived from the message', async () => {
    const { number } = await newJob(t);
    const reply = await t.app.services.replyToJob(
      { workspaceId: t.app.workspaceId, userId: ALICE },
      number,
      'Derived id',
    );
    await t.settle();
    const delivered = sent().filter(
      (r) => (r.data as { message: { body: string } }).message.body === 'Derived id',
    );
    expect(delivered.map((r) => r.id)).toEqual([`jobdesk_msg_${reply.message.id}`]);
  });
});
