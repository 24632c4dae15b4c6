import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../../src/db/schema.ts';
import { jobCreatedWire, merchantWire, messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ALICE, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, lastEphemeral, newJob, numberOf } from './helpers.ts';

// U0VICTIM is nobody jobdesk itself would mention, so any live `<@U0VICTIM>` came from a merchant.
const INJECTIONS = '<!channel> <!here> <@U0VICTIM> <#C0JOBS> <http://evil.example|innocent> & <b>';
/** Live Slack markup that merchant text must never produce (our own dates are fine). */
const LIVE = /<!channel>|<!here>|<@U0VICTIM>|<#C0JOBS>|<http:\/\/evil/;

const t = useSlackTestApp();

/** Every text Slack was asked to show, as one string. */
const everythingPosted = () =>
  JSON.stringify(
    t.slack
      .calls()
      .filter((c) =>
        ['chat.postMessage', 'chat.update', 'views.open', 'views.update'].includes(c.method),
      )
      .map((c) => c.args),
  );

async function noFailedDeliveries() {
  await t.settle();
  const dead = await t.app.database.db.select().from(outbox).where(eq(outbox.state, 'dead'));
  expect(dead.map((r) => `${r.topic}: ${r.lastError}`)).toEqual([]);
  expect(
    t.slack
      .calls()
      .filter((c) => !c.ok)
      .map((c) => `${c.method}: ${c.error}`),
  ).toEqual([]);
}

describe('merchant text is inert in Slack', () => {
  it('escapes names, store names, titles, descriptions and messages everywhere', async () => {
    const wire = jobCreatedWire({ createdAt: t.clock.now, title: `Fix ${INJECTIONS}` });
    wire.data.job.description = `Please ${INJECTIONS}`;
    wire.data.merchant = merchantWire('m_evil', {
      name: `Mallory ${INJECTIONS}`,
      store: { domain: 'mallory.myshopify.com', name: `Shop ${INJECTIONS}` },
    });
    const number = numberOf(await t.intake(wire));
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        merchantId: 'm_evil',
        body: `Hey ${INJECTIONS}`,
      }),
    );
    await t.intake(messageReceivedWire({ merchantId: 'm_evil2', body: `No job ${INJECTIONS}` }));
    await t.client.click('Open', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE));
    await noFailedDeliveries();

    const posted = everythingPosted();
    expect(posted).not.toMatch(LIVE);
    expect(posted).toContain('&lt;!channel&gt;');
    expect(posted).toContain('&lt;http://evil.example|innocent&gt;');
  });
});

describe("Slack's limits hold for any input", () => {
  it('a 2,000-character title, a 50,000-character description and message, emoji and RTL', async () => {
    const title = `${'🛒 متجر '.repeat(150)}`.slice(0, 2000);
    const wire = jobCreatedWire({ createdAt: t.clock.now, title });
    wire.data.job.description = 'שלום עולם 👋🏽 '.repeat(3500).slice(0, 50_000);
    const number = numberOf(await t.intake(wire));
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: `${'x'.repeat(9_990)} the end 👩‍👩‍👧‍👦`.repeat(5),
      }),
    );
    await t.client.click('View conversation', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE));
    t.slack.closeView(ALICE, true);
    await noFailedDeliveries();
  });

  it('60 assignees on one card', async () => {
    const { number } = await newJob(t);
    const people = Array.from({ length: 60 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
    for (const id of people) t.slack.addUser({ id, name: `person${id}` });
    await t.app.services.changeAssignees(
      { workspaceId: t.app.workspaceId, userId: ALICE },
      number,
      people,
      'add',
    );
    await noFailedDeliveries();
    expect(JSON.stringify(cardOf(t, number).blocks)).toContain('<@U0P059>');
  });

  it('a thousand open jobs in /jobs list', async () => {
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        t.app.services.logJobByHand(
          { workspaceId: t.app.workspaceId, userId: ALICE },
          { title: `Bulk job ${i} ${'ü'.repeat(200)}`, merchantName: 'Bulk merchant' },
        ),
      ),
    );
    await t.client.command('/jobs list new', { user: ALICE, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() =>
      /more/.test(JSON.stringify(t.slack.ephemerals(ALICE).at(-1) ?? '')),
    );
    expect(lastEphemeral(t, ALICE)).toBeTruthy();
    await noFailedDeliveries();
  }, 120_000);
});
