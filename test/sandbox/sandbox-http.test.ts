// The sandbox's HTTP side, without a browser: jobdesk started without Slack credentials serves the
// page, a Slack Web API, and the endpoints the page uses; everything a person does there reaches
// the app as Slack (signed) or as a merchant (through the signed intake API) would.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { Sandbox } from '../../src/sandbox/index.ts';
import { useSandboxApp } from './sandbox-app.ts';

const HOUR = 3_600_000;
const silent = pino({ level: 'silent' });

const clock = { now: new Date() };

const t = useSandboxApp({ now: () => clock.now });

interface PageState {
  pane: { html: string; kind?: string; title?: string };
  clock: { now: string; offsetMs: number };
  merchant: { conversations: { id: string; label: string; jobId?: string; jobRef?: string }[] };
}

async function state(as: string, pane = 'C0JOBS'): Promise<PageState> {
  const response = await fetch(`${t.app.url}/sandbox/state?as=${as}&pane=${pane}&tz=UTC`);
  expect(response.status).toBe(200);
  return (await response.json()) as PageState;
}

const merchant = {
  name: 'Ada Lovelace',
  storeDomain: 'ada.myshopify.com',
  email: 'ada@example.com',
};
const job = { title: 'Speed up my theme', service: 'Theme customization', budget: '500.00' };

describe('the sandbox served by jobdesk without Slack credentials', () => {
  it('runs on the workspace of the sandbox, whose identity jobdesk learnt with auth.test', () => {
    expect(t.app.workspaceId).toBe('T0SANDBOX');
    expect(t.app.banner.join('\n')).toContain(`Slack sandbox: open ${t.app.url}/`);
  });

  it('serves the page and its assets on the same port', async () => {
    const page = await fetch(`${t.app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script type="module" src="/sandbox/page/sandbox.js">');
    expect((await fetch(`${t.app.url}/sandbox/page/sandbox.css`)).status).toBe(200);
    expect((await fetch(`${t.app.url}/sandbox/page/../app.ts`)).status).toBe(404);
  });

  it('shows the first person to a first visit, which names nobody', async () => {
    const response = await fetch(`${t.app.url}/sandbox/state`);
    expect(response.status).toBe(200);
    const first = (await response.json()) as PageState & { me: { id: string } };
    expect(first.me.id).toBe('U0MAYA');
    expect(first.pane).toMatchObject({ kind: 'channel', title: 'jobs' });
    expect((await fetch(`${t.app.url}/sandbox/state?as=U0EVE`)).status).toBe(400);
  });

  it('answers Web API calls like Slack: the bot token is required', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(`${t.app.url}/sandbox/api/auth.test`, { method: 'POST', headers }).then(
        (r) => r.json() as Promise<Record<string, unknown>>,
      );
    expect(await call({})).toEqual({ ok: false, error: 'not_authed' });
    expect(await call({ authorization: 'Bearer xoxb-wrong' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await call({ authorization: 'Bearer xoxb-sandbox-not-a-real-token' })).toMatchObject({
      ok: true,
      team_id: 'T0SANDBOX',
      user_id: 'U0JOBDESK',
    });
  });

  it('sends what the merchant panel does through the signed intake API', async () => {
    const created = await t.post('/sandbox/merchant', { kind: 'job', merchant, job });
    expect(created).toMatchObject({
      status: 200,
      body: {
        status: 202,
        body: { outcome: 'accepted', job: 'J-1' },
        event: { type: 'job.created' },
      },
    });
    const [conversation] = (await state('U0MAYA')).merchant.conversations;
    expect(conversation).toMatchObject({
      jobRef: 'J-1',
      label: 'J-1 · Speed up my theme — Ada Lovelace',
    });

    const answers = await Promise.all([
      t.post('/sandbox/merchant', {
        kind: 'message',
        conversationId: conversation?.id,
        body: 'Any news?',
      }),
      t.post('/sandbox/merchant', {
        kind: 'message',
        merchant: { name: 'Grace Hopper', storeDomain: 'grace.myshopify.com' },
        body: 'Can you build a subscription box?',
      }),
      t.post('/sandbox/merchant', {
        kind: 'proposal',
        merchant: { name: 'Alan Turing', storeDomain: 'alan.myshopify.com' },
        proposal: { title: 'Speed audit', amount: '750.00' },
        storeChoice: 'new',
      }),
      t.post('/sandbox/merchant', {
        kind: 'proposal',
        merchant: { name: 'Hedy Lamarr', storeDomain: 'hedy.myshopify.com' },
        proposal: { title: 'Checkout fixes', amount: '300.00' },
        storeChoice: 'existing',
        job: { title: 'Checkout fixes', service: 'Internationalization' },
      }),
    ]);
    expect(answers.map((a) => [a.body.event, a.body.status])).toEqual([
      [expect.objectContaining({ type: 'message.received' }), 202],
      [expect.objectContaining({ type: 'message.received' }), 202],
      [expect.objectContaining({ type: 'proposal.accepted' }), 202],
      [expect.objectContaining({ type: 'proposal.accepted' }), 202],
    ]);
    const declined = await t.post('/sandbox/merchant', {
      kind: 'decline',
      jobId: conversation?.jobId,
      reason: 'Found someone else',
    });
    expect(declined.body).toMatchObject({ status: 202, event: { type: 'job.declined' } });

    const jobs = await t.app.services.listJobs(t.app.workspaceId, { limit: 10, offset: 0 });
    expect(jobs.jobs.map((j) => [j.number, j.title, j.status]).sort()).toEqual([
      [1, 'Speed up my theme', 'declined'],
      [2, 'Checkout fixes', 'opened'],
    ]);
    // The cards reach the sandbox's #jobs through the outbox and the Web API.
    await vi.waitFor(
      async () => {
        const html = (await state('U0MAYA')).pane.html;
        expect(html).toContain('J-1 · Speed up my theme');
        expect(html).toContain('J-2 · Checkout fixes');
        expect(html).toContain('Grace Hopper');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('replays a slash command signed, and shows its answer to that person only', async () => {
    const answer = await t.post('/sandbox/act', {
      type: 'command',
      as: 'U0LEO',
      channel: 'C0JOBS',
      text: '/jobs help',
    });
    expect(answer).toEqual({ status: 200, body: { status: 200, problems: [] } });
    await vi.waitFor(
      async () => expect((await state('U0LEO')).pane.html).toContain('Only visible to you'),
      { timeout: 10_000, interval: 50 },
    );
    expect((await state('U0NOOR')).pane.html).not.toContain('Only visible to you');
  });

  it('answers an unknown command like Slack: Slackbot says it is not a valid command', async () => {
    const answer = await t.post('/sandbox/act', {
      type: 'command',
      as: 'U0NOOR',
      channel: 'C0JOBS',
      text: '/job list',
    });
    // Slack never sends the app a command it does not declare: no HTTP error from jobdesk.
    expect(answer).toEqual({ status: 200, body: { status: 200, problems: [] } });
    await vi.waitFor(
      async () => {
        const html = (await state('U0NOOR')).pane.html;
        expect(html).toContain('/job is not a valid command');
        expect(html).toContain('Slackbot');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('refuses what the page may not ask, saying why', async () => {
    const stranger = await t.post('/sandbox/act', {
      type: 'command',
      as: 'U0EVE',
      channel: 'C0JOBS',
      text: '/jobs',
    });
    expect(stranger.status).toBe(400);
    expect(String(stranger.body.error)).toContain('not a person of the sandbox');
    expect((await t.post('/sandbox/clock', { minutes: -60 })).status).toBe(400);
    const gone = await t.post('/sandbox/act', {
      type: 'action',
      as: 'U0LEO',
      surface: { kind: 'message', channel: 'C0JOBS', ts: '1.000001' },
      blockId: 'b',
      actionId: 'a',
    });
    expect(gone).toEqual({ status: 409, body: { error: 'that message or view is gone' } });
  });

  it('jumps the clock forward and runs the deadline clock on it', async () => {
    await t.post('/sandbox/merchant', {
      kind: 'job',
      merchant,
      job: { ...job, title: 'Fix the cart' },
    });
    const before = new Date((await state('U0MAYA')).clock.now).getTime();
    const jumped = await t.post('/sandbox/clock', { minutes: 73 * 60 });
    expect(jumped.status).toBe(200);
    expect(jumped.body.note).toMatch(/1 job expired/);
    const after = await state('U0MAYA');
    expect(after.clock.offsetMs).toBe(73 * HOUR);
    expect(new Date(after.clock.now).getTime() - before).toBeGreaterThanOrEqual(73 * HOUR);
  });

  it('goes back to real time, undoing nothing that happened meanwhile', async () => {
    const expiredBefore = await t.app.services.listJobs(t.app.workspaceId, {
      statuses: ['expired'],
      limit: 100,
    });
    expect(expiredBefore.total).toBeGreaterThan(0);
    const back = await t.post('/sandbox/clock', { backToNow: true });
    expect(back.status).toBe(200);
    expect(String(back.body.note)).toMatch(
      /back to real time \(73 h earlier\); what happened meanwhile stays/,
    );
    const now = await state('U0MAYA');
    expect(now.clock.offsetMs).toBe(0);
    expect(Math.abs(new Date(now.clock.now).getTime() - clock.now.getTime())).toBeLessThan(1000);
    const expiredAfter = await t.app.services.listJobs(t.app.workspaceId, {
      statuses: ['expired'],
      limit: 100,
    });
    expect(expiredAfter.total).toBe(expiredBefore.total);
    expect((await t.post('/sandbox/clock', { backToNow: true })).body.note).toBe(
      'already on real time',
    );
  });
});

describe('the sandbox between runs', () => {
  it('keeps its conversations, its merchants and its clock in the state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdesk-sandbox-'));
    const stateFile = join(dir, 'sandbox.json');
    try {
      const first = new Sandbox({ logger: silent, stateFile });
      const posted = first.slack.postAsUser('C0JOBS', 'U0MAYA', 'Morning, team');
      first.clock.advance(5 * HOUR);
      await first.stop();

      const second = new Sandbox({ logger: silent, stateFile });
      expect(
        second.slack
          .channel('C0JOBS')
          .messages()
          .map((m) => [m.ts, m.text]),
      ).toEqual([[posted.ts, 'Morning, team']]);
      expect(second.clock.offset).toBe(5 * HOUR);
      const next = second.slack.postAsUser('C0JOBS', 'U0LEO', 'Hi');
      expect(Number(next.ts)).toBeGreaterThan(Number(posted.ts));
      await second.stop();

      // The state belongs to the database it was saved with: another one starts the sandbox afresh.
      const mine = new Sandbox({ logger: silent, stateFile });
      expect(mine.belongsTo('T0SANDBOX@2026-11-01T00:00:00.000Z')).toBe(false);
      await mine.stop();
      const again = new Sandbox({ logger: silent, stateFile });
      expect(again.belongsTo('T0SANDBOX@2026-11-01T00:00:00.000Z')).toBe(false);
      expect(again.slack.channel('C0JOBS').messages()).toHaveLength(2);
      expect(again.clock.offset).toBe(5 * HOUR);
      await again.stop();
      const elsewhere = new Sandbox({ logger: silent, stateFile });
      expect(elsewhere.belongsTo('T0SANDBOX@2026-12-01T08:00:00.000Z')).toBe(true);
      expect(elsewhere.slack.channel('C0JOBS').messages()).toEqual([]);
      expect(elsewhere.clock.offset).toBe(0);
      await elsewhere.stop();
      const fresh = new Sandbox({ logger: silent, stateFile });
      expect(fresh.slack.channel('C0JOBS').messages()).toEqual([]);
      expect(fresh.belongsTo('T0SANDBOX@2026-12-01T08:00:00.000Z')).toBe(false);
      await fresh.stop();

      writeFileSync(stateFile, '{ not json');
      expect(() => new Sandbox({ logger: silent, stateFile })).toThrow(
        /move it away to start afresh/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
