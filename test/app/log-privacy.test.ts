import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { jobCreatedWire, merchantWire, messageReceivedWire } from '../fixtures/intake-events.ts';
import { cardOf, numberOf } from '../slack/e2e/helpers.ts';
import {
  ALICE,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../support/slack-test-app.ts';

// Issue 12, item 7: logs carry ids, codes and error classes, never merchant text, emails or
// message bodies, at any level. Personal data is sent through every path that can fail (the
// database refusing a write, the database failing, a Slack action failing) and the whole log
// output, at debug level, is searched for it.

const SECRETS = {
  name: 'Zelda Quartermaine',
  email: 'zelda.quartermaine@example.com',
  body: 'my bank code is 4471-secret',
  reply: 'team reply with a private phone 555-0199',
  modal: 'modal reply mentioning the vault',
  refused: 'a guest writing the door code 9911',
};

const lines: string[] = [];
let t: SlackTestApp;

beforeAll(async () => {
  const logger = createLogger('debug', { write: (line: string) => lines.push(line) });
  t = await startSlackTestApp({ logLevel: 'debug' }, { logger });
  const db = t.app.database.db;
  // The database refuses one merchant (a value it will not store) and fails every message write
  // from now on (a fault of ours, such as a bad migration).
  await db.execute(
    sql.raw(`alter table merchants add constraint no_zelda check (name <> '${SECRETS.name}')`),
  );
});
afterAll(() => t.close());

async function failMessageWrites() {
  const db = t.app.database.db;
  await db.execute(
    sql.raw(`create or replace function jobdesk_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'message writes are broken'; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger jobdesk_test_fail before insert on messages
      for each row execute function jobdesk_test_fail()`),
  );
}

describe('personal data through every failing path', () => {
  it('appears nowhere in the logs', async () => {
    // 1. The database refuses the merchant: a 400 for the sender.
    const refused = jobCreatedWire({ createdAt: t.clock.now });
    refused.data.merchant = merchantWire('m_zelda', { name: SECRETS.name, email: SECRETS.email });
    expect((await t.intake(refused)).status).toBe(400);

    // A job whose messages will fail to store.
    const wire = jobCreatedWire({ createdAt: t.clock.now });
    wire.data.merchant = merchantWire('m_other', { email: SECRETS.email });
    const number = numberOf(await t.intake(wire));
    await failMessageWrites();

    // 2. A merchant message the database fails to store: a 500 for the sender.
    const message = messageReceivedWire({
      jobId: wire.data.job.id,
      conversationId: wire.data.conversation.id,
      body: SECRETS.body,
    });
    expect((await t.intake(message)).status).toBe(500);

    // 3. A /jobs reply that fails.
    const told = t.slack.ephemerals(ALICE).length;
    await t.client.command(`/jobs reply J-${number} ${SECRETS.reply}`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > told);
    expect(t.slack.ephemerals(ALICE).at(-1)?.text).toMatch(/Something went wrong/);

    // 4. A reply modal that fails.
    await t.client.click('Reply', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
    const submitted = await t.client.submitView({
      user: ALICE,
      values: { reply_body: SECRETS.modal },
    });
    expect(JSON.stringify(submitted.errors)).toMatch(/Something went wrong/);

    // 5. A guest's command, refused before it runs.
    t.slack.addUser({ id: 'U0GUEST', name: 'gus', is_restricted: true });
    await t.client.command(`/jobs reply J-${number} ${SECRETS.refused}`, {
      user: 'U0GUEST',
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => t.slack.ephemerals('U0GUEST').length > 0);
    await t.settle();

    const output = lines.join('\n');
    // The failures were logged (with what helps: codes, ids, classes).
    expect(output).toMatch(/intake ingest failed/);
    expect(output).toMatch(/a Slack action failed/);
    expect(output).toMatch(/P0001/);
    expect(output).toMatch(/"refusal":"guest"/);
    for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/params:/);
  });
});

describe('the logger, as the last line of defence', () => {
  it('prints a raw failed-query error with its statement and code, without the parameters', () => {
    const out: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => out.push(line) });
    const cause = Object.assign(new Error('value too long'), {
      name: 'PostgresError',
      code: '22001',
      detail: `Failing row contains (${SECRETS.email})`,
    });
    const failed = Object.assign(
      new Error(
        `Failed query: insert into "merchants" values ($1)\nparams: ${SECRETS.name},\n${SECRETS.body}`,
      ),
      { query: 'insert into "merchants" values ($1)', params: [SECRETS.name, SECRETS.body], cause },
    );
    logger.error({ err: failed, nested: { error: failed } }, 'a write failed');
    logger.warn({ error: failed.message, stack: failed.stack }, 'as a string too');
    const text = out.join('\n');
    expect(text).toContain('insert into \\"merchants\\"');
    expect(text).toContain('22001');
    for (const secret of [SECRETS.name, SECRETS.body, SECRETS.email]) {
      expect(text).not.toContain(secret);
    }
  });
});
