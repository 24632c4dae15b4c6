import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { preferences } from '../../../src/db/schema.ts';
import { messageReceivedWire } from '../../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, newJob, storedJob, textOf } from './helpers.ts';

const t = useSlackTestApp();

/** Types `/jobs …` as `user` and returns the ephemeral answer they saw. */
async function jobs(text: string, user = ALICE): Promise<string> {
  const before = t.slack.ephemerals(user).length;
  await t.client.command(`/jobs ${text}`.trim(), { user, channel: JOBS_CHANNEL });
  await t.slack.waitFor(() => t.slack.ephemerals(user).length > before);
  const answer = t.slack.ephemerals(user).at(-1);
  return `${answer?.text ?? ''}\n${JSON.stringify(answer?.blocks ?? [])}`;
}

describe('/jobs', () => {
  it('assigns with mentions and with "me", accepting J-12, #12 and 12', async () => {
    const { number } = await newJob(t);
    expect(await jobs(`assign J-${number} <@${BOB}|bob>`)).toContain(`<@${BOB}>`);
    expect(await jobs(`assign #${number} me`)).toContain(`<@${ALICE}>`);
    expect((await storedJob(t, number)).id).toBeGreaterThan(0);
    await t.settle();
    expect(textOf(cardOf(t, number))).toContain(`<@${ALICE}>`);
    expect(await jobs(`unassign ${number} <@${BOB}>`)).not.toContain(`<@${BOB}>`);
    expect(await jobs(`unassign ${number} <@${BOB}>`)).toContain('is not assigned');
  });

  it('lists what needs action, mine, and by status', async () => {
    const { number, wire } = await newJob(t, { title: 'Migrate my blog' });
    await jobs(`assign J-${number} me`);
    await t.intake(
      messageReceivedWire({ jobId: wire.data.job.id, conversationId: wire.data.conversation.id }),
    );
    await jobs(`reply J-${number} Looking into it`);
    await t.intake(
      messageReceivedWire({ jobId: wire.data.job.id, conversationId: wire.data.conversation.id }),
    );
    expect((await storedJob(t, number)).status).toBe('awaiting_response');
    expect(await jobs('')).toContain('Migrate my blog');
    expect(await jobs('mine')).toContain('Migrate my blog');
    expect(await jobs('list awaiting')).toContain('Migrate my blog');
    expect(await jobs('list declined')).not.toContain('Migrate my blog');
    expect(await jobs('mine', BOB)).not.toContain('Migrate my blog');
  });

  it('lists under "nobody has taken" a job that was opened and written to but has nobody assigned', async () => {
    const { number, wire } = await newJob(t, { title: 'Read but not taken' });
    await t.app.services.openJob({ workspaceId: t.app.workspaceId, userId: BOB }, number);
    await t.intake(
      messageReceivedWire({ jobId: wire.data.job.id, conversationId: wire.data.conversation.id }),
    );
    expect((await storedJob(t, number)).status).toBe('awaiting_response');
    const answer = await jobs('', BOB);
    const unassigned = answer.slice(answer.indexOf('Jobs nobody has taken'));
    expect(unassigned).toContain(`*J-${number}* Read but not taken`);
    await jobs(`assign J-${number} me`, BOB);
    const after = await jobs('', ALICE);
    expect(after.slice(after.indexOf('Jobs nobody has taken'))).not.toContain(`*J-${number}*`);
  });

  it('replies to the merchant in the thread with /jobs reply, and opens the modal without text', async () => {
    const { number } = await newJob(t);
    // Slack escapes command text; the merchant gets what was typed, the thread shows it escaped.
    await jobs(`reply J-${number} We can start Monday &amp; ask <@${BOB}|bob> &lt;3`);
    await t.settle();
    const details = await t.app.services.getJobDetails(t.app.workspaceId, number);
    expect(details.messages.at(-1)?.body).toBe('We can start Monday & ask @bob <3');
    const thread = t.slack
      .channel(JOBS_CHANNEL)
      .thread(cardOf(t, number).ts)
      .map(textOf)
      .join('\n');
    expect(thread).toContain('We can start Monday &amp; ask @bob &lt;3');
    expect((await storedJob(t, number)).status).toBe('responded');

    await t.client.command(`/jobs reply J-${number}`, { user: ALICE, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
    t.slack.closeView(ALICE, true);
  });

  it('marks inactive, reopens and completes', async () => {
    const { number } = await newJob(t);
    expect(await jobs(`inactive J-${number}`)).toMatch(/inactive/);
    expect((await storedJob(t, number)).status).toBe('inactive');
    // Nobody wrote yet: back to where it was, by who wrote last.
    expect(await jobs(`reopen J-${number}`)).toMatch(/is now opened/);
    expect(await jobs(`complete J-${number}`)).toMatch(/completed/);
    expect(await storedJob(t, number)).toMatchObject({
      status: 'completed',
      reviewRequested: true,
    });
    expect(await jobs(`complete J-${number}`)).toMatch(/already completed by <@U0ALICE>/);
  });

  it('shows a job in a modal', async () => {
    const { number } = await newJob(t);
    await t.client.command(`/jobs show J-${number}`, { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'job_details_modal');
    expect(JSON.stringify(t.slack.openView(BOB)?.blocks)).toContain('Speed up my theme');
    t.slack.closeView(BOB, true);
    // Showing is not opening: the status stays new.
    expect((await storedJob(t, number)).status).toBe('new');
  });

  it('logs a job by hand from the new job modal', async () => {
    await t.client.command('/jobs new', { user: BOB, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'new_job_modal');
    const bad = await t.client.submitView({
      user: BOB,
      values: {
        new_job_title: 'Phone lead',
        new_job_merchant: 'Grace',
        new_job_email: 'not-an-email',
      },
    });
    expect(bad.errors?.new_job_email).toBeTruthy();
    const good = await t.client.submitView({
      user: BOB,
      values: {
        new_job_title: 'Phone lead: new theme',
        new_job_merchant: 'Grace Hopper',
        new_job_email: 'grace@example.com',
        new_job_budget: '1200 EUR',
      },
    });
    expect(good.errors).toBeUndefined();
    await t.settle();
    const card = t.slack.channel(JOBS_CHANNEL).find('Phone lead: new theme');
    expect(card && textOf(card)).toContain('Grace Hopper');
  });

  it('lets admins edit preferences, with field errors in the modal, and shows them to others', async () => {
    await t.client.command('/jobs prefs', { user: ADMIN, channel: JOBS_CHANNEL });
    await t.slack.waitFor(() => t.slack.openView(ADMIN)?.callback_id === 'preferences_modal');
    const bad = await t.client.submitView({
      user: ADMIN,
      values: { prefs_email: 'jobs@', prefs_services: 'Theme setup | 500 | USD\nSEO | lots' },
    });
    expect(bad.errors?.prefs_email).toMatch(/email/i);
    expect(bad.errors?.prefs_services).toMatch(/Line 2/);
    expect(await t.app.database.db.select().from(preferences)).toEqual([]);
    const good = await t.client.submitView({
      user: ADMIN,
      values: { prefs_email: 'jobs@agency.example', prefs_services: 'Theme setup | 500 | USD' },
    });
    expect(good.errors).toBeUndefined();
    const [saved] = await t.app.database.db
      .select()
      .from(preferences)
      .where(eq(preferences.workspaceId, t.app.workspaceId));
    expect(saved).toMatchObject({
      notificationEmail: 'jobs@agency.example',
      services: [{ name: 'Theme setup', price: '500', currency: 'USD' }],
      updatedBy: ADMIN,
    });

    const seen = await jobs('prefs', BOB);
    expect(seen).toContain('jobs@agency.example');
    expect(seen).toContain('Only jobdesk admins can change these');
    expect(t.slack.openView(BOB)).toBeUndefined();
  });

  it('reports stats', async () => {
    const text = await jobs('stats');
    expect(text).toMatch(/first response/i);
    expect(text).toMatch(/declin/i);
  });

  it('answers help, and usage help with the closest command for a typo', async () => {
    expect(await jobs('help')).toContain('/jobs assign');
    const typo = await jobs('asign J-1 me');
    expect(typo).toContain('Did you mean `/jobs assign`?');
    // What went wrong and how to do it, in two lines: not the whole help again.
    const answer = () => t.slack.ephemerals(ALICE).at(-1)?.text ?? '';
    expect(answer().split('\n')).toEqual([
      'Unknown command `asign`. Did you mean `/jobs assign`?',
      '`/jobs help` lists every command.',
    ]);
    await jobs('assign J-1 @Leo');
    const lines = answer().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('@Leo');
    expect(lines[0]).toContain('@ suggestions');
    expect(answer()).not.toContain('/jobs stats');
    expect(await jobs('show J-x')).toMatch(/not a job number/);
    expect(await jobs('show J-99999')).toContain('There is no J-99999');
  });
});
