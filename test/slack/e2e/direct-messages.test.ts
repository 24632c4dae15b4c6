import { describe, expect, it } from 'vitest';
import { jobCreatedWire, messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import {
  eventually,
  labelsOf,
  lastEphemeral,
  newJob,
  numberOf,
  storedJob,
  textOf,
} from './helpers.ts';

const t = useSlackTestApp();

const dmTexts = (user: string, from = 0) => t.slack.dm(user).messages().slice(from).map(textOf);

async function jobAssignedToBob() {
  const wire = jobCreatedWire({ createdAt: t.clock.now });
  const number = numberOf(await t.intake(wire));
  await t.client.command(`/jobs assign J-${number} <@${BOB}|bob>`, {
    user: ALICE,
    channel: JOBS_CHANNEL,
  });
  await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes(`J-${number} is assigned`));
  await t.settle();
  return { wire, number };
}

describe('DMs to assignees', () => {
  it('tells the assignee who assigned which job, with the card link and buttons', async () => {
    const before = t.slack.dm(BOB).messages().length;
    const { number } = await jobAssignedToBob();
    const [dm] = t.slack.dm(BOB).messages().slice(before);
    expect(dm && textOf(dm)).toContain(`<@${ALICE}>`);
    expect(dm && textOf(dm)).toContain(`J-${number}`);
    expect(dm && labelsOf(dm)).toEqual(expect.arrayContaining(['Open', 'Reply']));
  });

  it('sends one DM for one merchant message, even when it moves the job', async () => {
    const { wire, number } = await jobAssignedToBob();
    await t.client.command(`/jobs reply J-${number} On it`, { user: ALICE, channel: JOBS_CHANNEL });
    await eventually(async () => (await storedJob(t, number)).status === 'responded');
    await t.settle();
    const before = t.slack.dm(BOB).messages().length;
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'When can you start?',
      }),
    );
    await t.settle();
    const texts = dmTexts(BOB, before);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('When can you start?');
    expect(texts[0]).toContain('moved from Responded to Awaiting your response');
  });

  it('tells assignees about merchant messages and status changes, and nothing when turned off', async () => {
    const { wire, number } = await jobAssignedToBob();
    let before = t.slack.dm(BOB).messages().length;
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Ping from Ada',
      }),
    );
    await t.client.command(`/jobs inactive J-${number}`, { user: ALICE, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes('inactive'));
    await t.settle();
    const texts = dmTexts(BOB, before).join('\n');
    expect(texts).toContain('Ping from Ada');
    expect(texts).toMatch(/Inactive/);

    // Bob turns every DM off in his settings modal.
    await t.client.command('/jobs settings', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'settings_modal');
    const saved = await t.client.submitView({ user: BOB, values: { notify_kinds: [] } });
    expect(saved.errors).toBeUndefined();
    expect((await t.app.services.getMember(t.app.workspaceId, BOB)).notifications).toEqual({
      onAssignment: false,
      onMessage: false,
      onStatusChange: false,
      onDeadline: false,
    });

    before = t.slack.dm(BOB).messages().length;
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Hello again',
      }),
    );
    await t.client.command(`/jobs reopen J-${number}`, { user: ALICE, channel: JOBS_CHANNEL });
    await t.slack.waitFor(
      () =>
        lastEphemeral(t, ALICE).includes('active again') || lastEphemeral(t, ALICE).includes('now'),
    );
    const { number: second } = await newJob(t);
    await t.client.command(`/jobs assign J-${second} <@${BOB}|bob>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes(`J-${second} is assigned`));
    await t.settle();
    expect(dmTexts(BOB, before)).toEqual([]);
  });
});
