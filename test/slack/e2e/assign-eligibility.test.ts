import { beforeAll, describe, expect, it } from 'vitest';
import { messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, lastEphemeral, newJob, storedJob, textOf } from './helpers.ts';

// Issue 12, item 1: only people who may act can be assigned, and an assignee who can no longer
// act gets no more DMs about the merchant's job.

const PRIYA = 'U0PRIYA';
const GUS = 'U0GUS';
const GONE = 'U0GONE';
const ROBOT = 'U0ROBOT';
const CAROL = 'U0CAROL';

const t = useSlackTestApp();
beforeAll(() => {
  t.slack.addUser({ id: PRIYA, name: 'priya', team_id: 'T0OTHERORG' });
  t.slack.addUser({ id: GUS, name: 'gus', is_restricted: true });
  t.slack.addUser({ id: GONE, name: 'gone', deleted: true });
  t.slack.addUser({ id: ROBOT, name: 'robot', is_bot: true });
  t.slack.addUser({ id: CAROL, name: 'carol' });
});

async function assignees(number: number): Promise<string[]> {
  return (await t.app.services.getJob(t.app.workspaceId, number)).assignees;
}

describe('who can be assigned', () => {
  it('/jobs assign refuses outsiders by name and reason, and still assigns the others', async () => {
    const { number } = await newJob(t);
    const ephemeralsBefore = t.slack.ephemerals(ALICE).length;
    await t.client.command(
      `/jobs assign J-${number} <@${PRIYA}|priya> <@${GUS}|gus> <@${GONE}|gone> <@${ROBOT}|robot> <@${BOB}|bob>`,
      { user: ALICE, channel: JOBS_CHANNEL },
    );
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > ephemeralsBefore);
    await t.settle();
    const answer = t.slack
      .ephemerals(ALICE)
      .slice(ephemeralsBefore)
      .map((e) => e.text)
      .join('\n');
    expect(answer).toContain(`<@${PRIYA}> is from another organisation (Slack Connect)`);
    expect(answer).toContain(`<@${GUS}> is a guest`);
    expect(answer).toContain(`<@${GONE}> has a deactivated account`);
    expect(answer).toContain(`<@${ROBOT}> is a bot`);
    expect(answer).toContain(`J-${number} is assigned to <@${BOB}>`);
    expect(await assignees(number)).toEqual([BOB]);
    for (const outsider of [PRIYA, GUS, GONE, ROBOT]) {
      expect(t.slack.dm(outsider).messages()).toEqual([]);
    }
  });

  it('the Assign… picker refuses an outsider and keeps the member picked with them', async () => {
    const { number } = await newJob(t);
    const card = cardOf(t, number);
    const before = t.slack.ephemerals(ALICE).length;
    await t.client.select('Assign…', [PRIYA, CAROL], {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > before);
    expect(lastEphemeral(t, ALICE)).toMatch(
      /<@U0PRIYA> is from another organisation \(Slack Connect\) and can't be assigned/,
    );
    await t.settle();
    expect(await assignees(number)).toEqual([CAROL]);
    expect(t.slack.dm(PRIYA).messages()).toEqual([]);
  });

  it('refusing everyone named changes nothing and says why', async () => {
    const { number } = await newJob(t);
    const before = await storedJob(t, number);
    const told = t.slack.ephemerals(ALICE).length;
    await t.client.command(`/jobs assign J-${number} <@${GUS}|gus>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > told);
    expect(lastEphemeral(t, ALICE)).toBe(`:lock: <@${GUS}> is a guest and can't be assigned.`);
    await t.settle();
    expect(await storedJob(t, number)).toEqual(before);
  });

  it('someone Slack cannot vouch for just now is not assigned, and the actor may try again', async () => {
    const { number } = await newJob(t);
    t.slack.addUser({ id: 'U0DAVE', name: 'dave' });
    t.slack.failNext('users.info', { error: 'fatal_error' });
    const told = t.slack.ephemerals(ALICE).length;
    await t.client.command(`/jobs assign J-${number} <@U0DAVE|dave>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > told);
    expect(lastEphemeral(t, ALICE)).toMatch(/<@U0DAVE> couldn't be checked with Slack just now/);
    expect(await assignees(number)).toEqual([]);
    await t.client.command(`/jobs assign J-${number} <@U0DAVE|dave>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes(`J-${number} is assigned`));
    expect(await assignees(number)).toEqual(['U0DAVE']);
  });
});

describe('an assignee who can no longer act', () => {
  it('gets no more DMs, and the card says so next to their name', async () => {
    const { wire, number } = await newJob(t);
    await t.client.command(`/jobs assign J-${number} <@${CAROL}|carol>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes(`J-${number} is assigned`));
    await t.settle();
    const dmsBefore = t.slack.dm(CAROL).messages().length;
    expect(dmsBefore).toBeGreaterThan(0);

    // Carol's account is deactivated; then the merchant writes.
    t.slack.addUser({ id: CAROL, name: 'carol', deleted: true });
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Secret plans for my store',
      }),
    );
    await t.settle();
    expect(t.slack.dm(CAROL).messages().length).toBe(dmsBefore);
    expect(textOf(cardOf(t, number))).toMatch(/<@U0CAROL> _\(deactivated: gets no DMs\)_/);

    // Back in the team: the DMs resume and the card drops the note.
    t.slack.addUser({ id: CAROL, name: 'carol' });
    await t.intake(
      messageReceivedWire({
        jobId: wire.data.job.id,
        conversationId: wire.data.conversation.id,
        body: 'Any news?',
      }),
    );
    await t.settle();
    expect(t.slack.dm(CAROL).messages().map(textOf).join('\n')).toContain('Any news?');
    await t.slack.waitFor(() => !textOf(cardOf(t, number)).includes('gets no DMs'));
  });
});
