import { describe, expect, it } from 'vitest';
import { jobCreatedWire } from '../fixtures/intake-events.ts';
import { ADMIN, ALICE, BOB, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

async function newJob() {
  const result = await h.ingest(jobCreatedWire({ createdAt: h.clock.now }));
  return Number(result.job?.slice(2));
}

const dmsSince = async (before: number) =>
  (await h.outboxRows())
    .slice(before)
    .filter((r) => r.topic === 'slack.dm')
    .map((r) => r.payload);

describe('assigning', () => {
  it('adds, removes and replaces assignees, DMing only the newly assigned others', async () => {
    const number = await newJob();
    let before = (await h.outboxRows()).length;
    const job = await h.services.changeAssignees(h.actor(ALICE), number, [ALICE, BOB], 'add');
    expect(job.assignees).toEqual([ALICE, BOB]);
    expect(await dmsSince(before)).toEqual([
      expect.objectContaining({ userId: BOB, reason: 'assigned', by: ALICE }),
    ]);
    const removed = await h.services.changeAssignees(h.actor(ALICE), number, [ALICE], 'remove');
    expect(removed.assignees).toEqual([BOB]);
    before = (await h.outboxRows()).length;
    const replaced = await h.services.changeAssignees(h.actor(BOB), number, [ADMIN], 'replace');
    expect(replaced.assignees).toEqual([ADMIN]);
    expect(await dmsSince(before)).toEqual([
      expect.objectContaining({ userId: ADMIN, reason: 'assigned' }),
    ]);
    const audit = (await h.auditFor(replaced.id)).filter((e) => e.action === 'assign');
    expect(audit.at(-1)?.details).toEqual({ added: [ADMIN], removed: [BOB] });
  });

  it('says nothing changed, and refuses what is not a Slack user', async () => {
    const number = await newJob();
    await h.services.changeAssignees(h.actor(ALICE), number, [ALICE], 'add');
    await expect(
      h.services.changeAssignees(h.actor(ALICE), number, [ALICE], 'add'),
    ).rejects.toMatchObject({
      code: 'nothing_to_change',
      message: `<@${ALICE}> is already assigned to J-${number}`,
    });
    await expect(
      h.services.changeAssignees(h.actor(ALICE), number, ['alice'], 'add'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('DMs assignees who want it on a status change, never the person who made it', async () => {
    const number = await newJob();
    await h.services.changeAssignees(h.actor(ALICE), number, [ALICE, BOB], 'add');
    const before = (await h.outboxRows()).length;
    await h.services.markInactive(h.actor(ALICE), number);
    expect(await dmsSince(before)).toEqual([
      expect.objectContaining({
        userId: BOB,
        reason: 'status_changed',
        from: 'new',
        to: 'inactive',
      }),
    ]);
  });

  it('refuses assignment changes on declined jobs but allows them on completed ones', async () => {
    const declined = await newJob();
    await h.services.declineJob(h.actor(ALICE), declined, { reason: 'budget' });
    await expect(
      h.services.changeAssignees(h.actor(ALICE), declined, [BOB], 'add'),
    ).rejects.toMatchObject({
      code: 'transition_not_allowed',
    });
    const completed = await newJob();
    await h.services.markComplete(h.actor(ALICE), completed, { askForReview: false });
    expect(
      (await h.services.changeAssignees(h.actor(ALICE), completed, [BOB], 'add')).assignees,
    ).toEqual([BOB]);
  });
});

describe('preferences', () => {
  const good = {
    availableForWork: true,
    shownInSearch: false,
    worksWithDropshippers: true,
    notificationEmail: 'jobs@agency.example',
    services: [{ name: 'Theme setup', price: '500', currency: 'USD' }],
  };

  it('are refused to members, naming the admins', async () => {
    await expect(h.services.updatePreferences(h.actor(ALICE), good)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(`<@${ADMIN}>`),
    });
    expect((await h.services.getPreferences(WORKSPACE)).updatedBy).toBeNull();
  });

  it('list every bad field for the modal', async () => {
    await expect(
      h.services.updatePreferences(h.actor(ADMIN), {
        ...good,
        notificationEmail: 'nope',
        services: [{ name: '', price: 'lots', currency: 'dollars' }],
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: {
        fieldErrors: {
          notificationEmail: expect.any(String),
          'services.0.name': expect.any(String),
          'services.0.price': expect.any(String),
          'services.0.currency': expect.any(String),
        },
      },
    });
  });

  it('are saved by an admin, audited and sent to the webhook', async () => {
    const before = (await h.outboxRows()).length;
    const saved = await h.services.updatePreferences(h.actor(ADMIN), good);
    expect(saved).toMatchObject({ ...good, updatedBy: ADMIN });
    expect(await h.services.getPreferences(WORKSPACE)).toMatchObject(good);
    const rows = (await h.outboxRows()).slice(before);
    expect(rows).toEqual([
      expect.objectContaining({
        topic: 'webhook',
        payload: expect.objectContaining({ type: 'preferences.updated' }),
      }),
    ]);
  });
});
