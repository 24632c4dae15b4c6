// Starting against a Slack that is away or refuses the token: the one line jobdesk prints says
// what to check and which variable holds it, not "A request error occurred: fetch failed".

import { createServer } from 'node:net';
import { FakeSlack } from '@jobdesk/fake-slack';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobdesk } from '../../src/app.ts';
import { testConfig } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let slack: FakeSlack;

beforeAll(async () => {
  database = await createTestDatabase();
  slack = await FakeSlack.start({ channels: [{ id: 'C0JOBS', name: 'jobs' }] });
});
afterAll(async () => {
  await slack?.stop();
  await database?.close();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function start(botToken: string, apiUrl: string) {
  return startJobdesk(
    testConfig({ slack: { botToken, signingSecret: 'secret', appToken: undefined, apiUrl } }),
    { logger: pino({ level: 'silent' }), database },
  );
}

describe('starting against Slack', () => {
  it('names SLACK_API_URL and auth.test when Slack cannot be reached', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const error = await start(slack.botToken, apiUrl).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`Slack could not be reached at ${apiUrl}`);
    expect(error?.message).toContain('auth.test');
    expect(error?.message).toContain('SLACK_API_URL');
  });

  it('says the token was refused, and which variable holds it', async () => {
    const error = await start('xoxb-not-this-one', slack.apiUrl).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /^Slack refused the bot token in SLACK_BOT_TOKEN \(auth\.test answered invalid_auth\)/,
    );
  });
});
