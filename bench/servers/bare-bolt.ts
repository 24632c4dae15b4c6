/**
 * The baseline of the ack benchmark: a Bolt app over the same HTTPReceiver jobdesk uses, with the
 * same listeners' shapes, that only acks. Started like jobdesk (`node --import tsx`), with the
 * same variables, against the same fake Slack.
 */
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const env = process.env;
const receiver = new HTTPReceiver({
  signingSecret: env.SLACK_SIGNING_SECRET as string,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  botId: 'B_BOT',
  botUserId: 'U_BOT',
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
});
app.command('/jobs', async ({ ack }) => {
  await ack();
});
app.action(/.*/, async ({ ack }) => {
  await ack();
});

const server = await app.start(Number(env.PORT ?? 0));
const { port } = (server as { address(): AddressInfo }).address();
console.log(`bare Bolt is listening on http://localhost:${port}`);
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
