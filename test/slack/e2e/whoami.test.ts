import { describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { lastEphemeral, numberOf } from './helpers.ts';

const t = useSlackTestApp();

/** Types `/jobs whoami` as `user` (a real signed payload) and returns what only they saw. */
async function whoami(user: string): Promise<string> {
  const before = t.slack.ephemerals(user).length;
  await t.client.command('/jobs whoami', { user, channel: JOBS_CHANNEL });
  await t.slack.waitFor(() => t.slack.ephemerals(user).length > before);
  return lastEphemeral(t, user);
}

describe('/jobs whoami', () => {
  it('says who you are, whether you can be assigned, and counts your open jobs', async () => {
    const first = numberOf(await t.intake(jobCreatedWire({ createdAt: t.clock.now })));
    await t.app.services.changeAssignees(
      { workspaceId: t.app.workspaceId, userId: ALICE },
      first,
      [ALICE],
      'add',
    );

    const alice = await whoami(ALICE);
    expect(alice).toContain(`You are <@${ALICE}>, a jobdesk member.`);
    expect(alice).toContain('You can be assigned jobs and act on them.');
    expect(alice).toContain('Open jobs assigned to you: *1*');

    expect(await whoami(BOB)).toContain('Open jobs assigned to you: *0*');
    expect(await whoami(ADMIN)).toContain(`You are <@${ADMIN}>, a jobdesk admin.`);
  });

  it('is listed in help, suggested for a typo, and refuses arguments', async () => {
    await t.client.command('/jobs help', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() =>
      JSON.stringify(t.slack.ephemerals(BOB).at(-1)?.blocks ?? []).includes('/jobs whoami'),
    );
    await t.client.command('/jobs whoamj', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => lastEphemeral(t, BOB).includes('Did you mean `/jobs whoami`?'));
    await t.client.command('/jobs whoami please', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() =>
      lastEphemeral(t, BOB).includes('`whoami` takes nothing after it: /jobs whoami'),
    );
  });
});
