import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobEvents } from '../../../src/db/schema.ts';
import { jobCreatedWire } from '../../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { auditOf, cardOf, eventually, lastEphemeral, newJob, storedJob } from './helpers.ts';

const OUTSIDERS = {
  guest: { id: 'U0GUEST', name: 'gus', is_restricted: true, expected: /Guests can't act on jobs/ },
  singleChannelGuest: {
    id: 'U0ULTRA',
    name: 'uma',
    is_ultra_restricted: true,
    expected: /Guests can't act on jobs/,
  },
  deactivated: { id: 'U0GONE', name: 'gone', deleted: true, expected: /deactivated/ },
  bot: { id: 'U0ROBOT', name: 'robot', is_bot: true, expected: /Bots can't act on jobs/ },
  external: {
    id: 'U0EXTERN',
    name: 'ext',
    team_id: 'T0OTHERORG',
    expected: /another organisation \(Slack Connect\)/,
  },
} as const;

const t = useSlackTestApp();
beforeAll(() => {
  for (const { expected: _, ...user } of Object.values(OUTSIDERS)) t.slack.addUser(user);
});

const refusals = () =>
  t.app.database.db
    .select()
    .from(jobEvents)
    .where(and(eq(jobEvents.action, 'refused'), isNull(jobEvents.jobId)));

describe('people who may not act', () => {
  it.each(Object.entries(OUTSIDERS))(
    '%s: a click and a command are refused, audited, and change nothing',
    async (kind, outsider) => {
      const { number } = await newJob(t);
      const card = cardOf(t, number);
      const updatesBefore = t.slack.calls('chat.update').length;
      const refusedBefore = (await refusals()).length;
      const jobBefore = await storedJob(t, number);

      await t.client.click('Assign to me', {
        user: outsider.id,
        in: { channel: JOBS_CHANNEL, ts: card.ts },
      });
      await t.slack.waitFor(() => outsider.expected.test(lastEphemeral(t, outsider.id)));
      await t.client.command(`/jobs decline J-${number} budget`, {
        user: outsider.id,
        channel: JOBS_CHANNEL,
      });
      await t.slack.waitFor(() => t.slack.ephemerals(outsider.id).length === 2);
      expect(lastEphemeral(t, outsider.id)).toMatch(outsider.expected);

      await eventually(async () => (await refusals()).length === refusedBefore + 2);
      const audit = (await refusals()).slice(refusedBefore);
      expect(audit.map((e) => [e.actor, (e.details as { reason: string }).reason])).toEqual([
        [outsider.id, kind === 'singleChannelGuest' ? 'guest' : kind],
        [outsider.id, kind === 'singleChannelGuest' ? 'guest' : kind],
      ]);
      await t.settle();
      expect(await storedJob(t, number)).toEqual(jobBefore);
      expect((await auditOf(t, number)).map((e) => e.action)).toEqual(['create']);
      expect(t.slack.calls('chat.update').length).toBe(updatesBefore);
      expect(t.slack.openView(outsider.id)).toBeUndefined();
    },
  );

  it('asks Slack about a person once, not on every click', async () => {
    const { number } = await newJob(t);
    const before = t.slack.calls('users.info').filter((c) => c.args.user === BOB).length;
    for (let i = 0; i < 3; i++) {
      await t.client.command(`/jobs show J-${number}`, { user: BOB, channel: JOBS_CHANNEL });
      await t.slack.waitFor(() => t.slack.openView(BOB));
      t.slack.closeView(BOB, true);
    }
    const after = t.slack.calls('users.info').filter((c) => c.args.user === BOB).length;
    expect(after - before).toBeLessThanOrEqual(1);
  });
});

describe('when Slack is slow to say who someone is', () => {
  it('answers "try again" within the ack time, and the retry goes through', async () => {
    t.slack.addUser({ id: 'U0SLOWPOKE', name: 'slow' });
    t.slack.failNext('users.info', { delayMs: 2500 });
    await t.client.command('/jobs help', { user: 'U0SLOWPOKE', channel: JOBS_CHANNEL });
    await t.slack.waitFor(() =>
      lastEphemeral(t, 'U0SLOWPOKE').includes("couldn't check your account"),
    );
    await t.slack.waitFor(
      () => t.slack.calls('users.info').some((c) => c.args.user === 'U0SLOWPOKE' && c.ok),
      {
        timeoutMs: 5000,
      },
    );
    await t.client.command('/jobs help', { user: 'U0SLOWPOKE', channel: JOBS_CHANNEL });
    await t.slack.waitFor(() =>
      JSON.stringify(t.slack.ephemerals('U0SLOWPOKE').at(-1)?.blocks ?? []).includes(
        '/jobs assign',
      ),
    );
  });
});

describe('admins', () => {
  it('only admins change the admins, and the last admin cannot leave', async () => {
    await t.client.command(`/jobs admins add <@${BOB}|bob>`, {
      user: ALICE,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() =>
      lastEphemeral(t, ALICE).includes('Only jobdesk admins can add or remove admins'),
    );
    expect(await t.app.services.listAdmins(t.app.workspaceId)).toEqual([ADMIN]);

    await t.client.command('/jobs admins remove me', { user: ADMIN, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => lastEphemeral(t, ADMIN).includes('at least one admin'));

    await t.client.command(`/jobs admins add <@${BOB}|bob>`, {
      user: ADMIN,
      channel: JOBS_CHANNEL,
    });
    await t.slack.waitFor(() => lastEphemeral(t, ADMIN).includes('admins now'));
    expect(await t.app.services.listAdmins(t.app.workspaceId)).toEqual([ADMIN, BOB].sort());

    await t.client.command('/jobs admins', { user: ALICE, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => lastEphemeral(t, ALICE).includes(`<@${BOB}>`));
  });

  it('only admins choose the jobs channel; new cards go there', async () => {
    t.slack.addChannel({ id: 'C0LEADS', name: 'leads' });
    await t.client.command('/jobs channel', { user: ALICE, channel: 'C0LEADS' });
    await t.slack.waitFor(() =>
      lastEphemeral(t, ALICE).includes('Only jobdesk admins can choose the jobs channel'),
    );
    expect(await t.app.services.jobsChannel(t.app.workspaceId)).toBe(JOBS_CHANNEL);

    await t.client.command('/jobs channel', { user: ADMIN, channel: 'C0LEADS' });
    await t.slack.waitFor(() => lastEphemeral(t, ADMIN).includes('<#C0LEADS>'));
    const answer = await t.intake(
      jobCreatedWire({ createdAt: t.clock.now, title: 'Goes to leads' }),
    );
    expect(t.slack.channel('C0LEADS').find('Goes to leads')).toBeDefined();
    expect(answer.status).toBe(202);
    await t.client.command('/jobs channel', { user: ADMIN, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => lastEphemeral(t, ADMIN).includes(`<#${JOBS_CHANNEL}>`));
  });
});
