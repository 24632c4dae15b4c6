import type { JsonObject } from '@jobdesk/fake-slack';
import { buildState, viewSubmissionPayload } from '@jobdesk/fake-slack/client';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobEvents, messages } from '../../../src/db/schema.ts';
import {
  ALICE,
  BOB,
  JOBS_CHANNEL,
  type SlackTestApp,
  startSlackTestApp,
} from '../../support/slack-test-app.ts';
import { cardOf, eventually, lastEphemeral, newJob, storedJob } from './helpers.ts';

// Issue 12, item 6: values in payloads are untrusted. A button value or private_metadata that
// is not a safe positive integer gets a clear answer (never "something went wrong" and an error
// log, never silence); table lookups use own keys; a refused preferences change is audited.

const lines: string[] = [];
let t: SlackTestApp;
beforeAll(async () => {
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  t = await startSlackTestApp({}, { logger });
});
afterAll(() => t.close());

const BAD_VALUES = ['1e20', '1.5', '-3', 'abc', '0', '0x1f', '9'.repeat(400), '99999999999'];
const FORM = 'application/x-www-form-urlencoded';
const resend = (payload: JsonObject) =>
  t.client.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
const errorLines = () => lines.filter((l) => JSON.parse(l).level >= 50);

describe('button values that name no record', () => {
  it.each(BAD_VALUES)('Reply with value %s is refused with a clear answer', async (bad) => {
    const { number } = await newJob(t);
    const card = cardOf(t, number);
    const clicked = await t.client.click('Reply', {
      user: ALICE,
      in: { channel: JOBS_CHANNEL, ts: card.ts },
    });
    await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
    t.slack.closeView(ALICE, true);
    const before = t.slack.ephemerals(ALICE).length;
    const errorsBefore = errorLines().length;
    const payload = structuredClone(clicked.payload) as JsonObject;
    const [action] = payload.actions as JsonObject[];
    (action as JsonObject).value = bad;
    expect((await resend(payload)).status).toBe(200);
    await t.slack.waitFor(() => t.slack.ephemerals(ALICE).length > before);
    expect(lastEphemeral(t, ALICE)).toMatch(/didn't say which job or conversation/);
    expect(errorLines().length).toBe(errorsBefore);
  });
});

describe('private_metadata that names no record', () => {
  it.each(BAD_VALUES.map((v) => [v]).concat([['"constructor"'], ['{}']]))(
    'a reply modal about job %s is refused on its field, and nothing is sent',
    async (bad) => {
      const { number } = await newJob(t);
      await t.client.click('Reply', {
        user: ALICE,
        in: { channel: JOBS_CHANNEL, ts: cardOf(t, number).ts },
      });
      await t.slack.waitFor(() => t.slack.openView(ALICE)?.callback_id === 'reply_modal');
      const view = t.slack.openView(ALICE) as unknown as JsonObject & { blocks: JsonObject[] };
      const tampered = { ...view, private_metadata: `{"job":${bad}}` };
      const user = t.slack.user(ALICE);
      if (!user) throw new Error('no Alice');
      const state = buildState(view.blocks, { reply_body: 'Hello!' });
      const errorsBefore = errorLines().length;
      const response = await resend(
        viewSubmissionPayload(
          t.slack,
          user,
          tampered as never,
          state,
          t.slack.mintTriggerId(ALICE),
        ),
      );
      t.slack.closeView(ALICE, true);
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.json)).toMatch(/doesn't say which job or conversation/);
      expect(errorLines().length).toBe(errorsBefore);
      await t.settle();
      const job = await storedJob(t, number);
      expect(
        await t.app.database.db.select().from(messages).where(eq(messages.jobId, job.id)),
      ).toEqual([]);
    },
  );
});

describe('lookups by own key', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'the decline reason %s is refused and never stored',
    async (reason) => {
      const { number } = await newJob(t);
      await expect(
        t.app.services.declineJob({ workspaceId: t.app.workspaceId, userId: ALICE }, number, {
          reason: reason as never,
        }),
      ).rejects.toThrow(/Pick a reason/);
      expect((await storedJob(t, number)).declineReason).toBeNull();
    },
  );
});

describe('a member who is not an admin submits the preferences', () => {
  it('is refused and the refusal is in the audit log', async () => {
    const refusals = () =>
      t.app.database.db
        .select()
        .from(jobEvents)
        .where(and(eq(jobEvents.action, 'refused'), eq(jobEvents.actor, BOB)));
    const before = (await refusals()).length;
    const result = await t.app.services
      .updatePreferences(
        { workspaceId: t.app.workspaceId, userId: BOB },
        {
          availableForWork: true,
          shownInSearch: true,
          worksWithDropshippers: false,
          notificationEmail: null,
          services: [],
        },
      )
      .catch((error: Error) => error);
    expect(String(result)).toMatch(/Only jobdesk admins can change the team preferences/);
    await eventually(async () => (await refusals()).length === before + 1);
    const [audit] = (await refusals()).slice(before);
    expect(audit?.details).toEqual({ reason: 'not_admin', attempted: 'preferences' });
  });
});
