// When Slack refuses a modal because its 3-second trigger expired, the person's ephemeral answer
// says so and carries one button that does the same thing again (issue 16, item 3): the same
// button for a click, a button that runs the same `/jobs …` for a command. The fake Slack is
// told to answer views.open with expired_trigger_id, then stops, and the retry opens the modal.

import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../../src/slack/ids.ts';
import { jobCreatedWire } from '../../fixtures/intake-events.ts';
import { ADMIN, BOB, JOBS_CHANNEL, useSlackTestApp } from '../../support/slack-test-app.ts';
import { cardOf, numberOf } from './helpers.ts';

const t = useSlackTestApp();

type Button = { type: string; text: { text: string }; action_id: string; value: string };

/** The "Try again" button of an ephemeral the person saw after the first `seen` ones. */
async function retryButtonFor(userId: string, seen: number): Promise<Button> {
  return t.slack.waitFor(() => {
    const newer = t.slack.ephemerals(userId).slice(seen);
    const last = newer.at(-1) as { blocks?: { elements?: Button[] }[] } | undefined;
    return last?.blocks
      ?.flatMap((block) => block.elements ?? [])
      .find((element) => element.type === 'button' && element.text.text === 'Try again');
  });
}

describe('an expired trigger', () => {
  it('answers a click with the same button again, which opens the modal', async () => {
    const number = numberOf(await t.intake(jobCreatedWire({ createdAt: t.clock.now })));
    const card = cardOf(t, number);
    const reply = card.blocks
      ?.flatMap((block) => (block as { elements?: Button[] }).elements ?? [])
      .find((element) => element.action_id === ACTIONS.reply);
    expect(reply).toBeDefined();

    const seen = t.slack.ephemerals(ADMIN).length;
    t.slack.setFault('views.open', { error: 'expired_trigger_id' });
    await t.client.click('Reply', { user: ADMIN, in: { channel: JOBS_CHANNEL, ts: card.ts } });
    const retry = await retryButtonFor(ADMIN, seen);
    expect(t.slack.ephemerals(ADMIN).at(-1)?.text).toContain('3 seconds');
    expect({ action_id: retry.action_id, value: retry.value }).toEqual({
      action_id: reply?.action_id,
      value: reply?.value,
    });
    expect(t.slack.openView(ADMIN)).toBeUndefined();

    t.slack.clearFaults('views.open');
    await t.client.click('Try again', { user: ADMIN, in: { ephemeral: true } });
    await t.slack.waitFor(() => t.slack.openView(ADMIN));
    expect(t.slack.openView(ADMIN)?.callback_id).toBe('reply_modal');
    await t.settle();
  });

  it('answers a command with a button that runs the same command again', async () => {
    const seen = t.slack.ephemerals(BOB).length;
    t.slack.setFault('views.open', { error: 'expired_trigger_id' });
    await t.client.command('/jobs new', { user: BOB, channel: JOBS_CHANNEL });
    const retry = await retryButtonFor(BOB, seen);
    expect({ action_id: retry.action_id, value: retry.value }).toEqual({
      action_id: ACTIONS.retryCommand,
      value: 'new',
    });
    expect(t.slack.openView(BOB)).toBeUndefined();

    t.slack.clearFaults('views.open');
    await t.client.click('Try again', { user: BOB, in: { ephemeral: true } });
    await t.slack.waitFor(() => t.slack.openView(BOB)?.callback_id === 'new_job_modal');
    await t.settle();
  });
});
