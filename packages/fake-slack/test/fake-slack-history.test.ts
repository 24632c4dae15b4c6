// conversations.history and conversations.replies on the fake, as jobdesk reads them after a
// crash: message metadata only with include_all_metadata, `oldest` exclusive, pages by cursor.

import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/server/index.ts';

const { WebClient, LogLevel } = webApi;
const CHANNEL = 'C0HIST';
const metadata = (ref: string) => ({
  event_type: 'jobdesk_delivery',
  event_payload: { outbox_id: 1, ref },
});

let slack: FakeSlack;
let client: InstanceType<typeof WebClient>;
const ts: string[] = [];

beforeAll(async () => {
  slack = await FakeSlack.start({ channels: [{ id: CHANNEL, name: 'hist' }] });
  client = new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
  });
  for (const ref of ['a', 'b', 'c']) {
    const posted = await client.chat.postMessage({
      channel: CHANNEL,
      text: ref,
      metadata: metadata(ref),
    });
    ts.push(String(posted.ts));
  }
  await client.chat.postMessage({
    channel: CHANNEL,
    text: 'reply',
    thread_ts: ts[0],
    metadata: metadata('a-reply'),
  });
});
afterAll(async () => {
  await slack?.stop();
});

describe('conversations.history on the fake Slack', () => {
  it('gives metadata only when include_all_metadata asks for it', async () => {
    const plain = await client.conversations.history({ channel: CHANNEL });
    expect(plain.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']); // newest first
    expect(plain.messages?.some((m) => m.metadata)).toBe(false);
    const full = await client.conversations.history({
      channel: CHANNEL,
      include_all_metadata: true,
    });
    expect(
      full.messages?.map((m) => (m.metadata?.event_payload as { ref?: string } | undefined)?.ref),
    ).toEqual(['c', 'b', 'a']);
  });

  it('reads from after `oldest`, a page at a time', async () => {
    const since = await client.conversations.history({ channel: CHANNEL, oldest: ts[0] });
    expect(since.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    const first = await client.conversations.history({ channel: CHANNEL, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    expect(first.has_more).toBe(true);
    const rest = await client.conversations.history({
      channel: CHANNEL,
      limit: 2,
      cursor: first.response_metadata?.next_cursor,
    });
    expect(rest.messages?.map((m) => m.text)).toEqual(['a']);
    expect(rest.has_more).toBe(false);
  });

  it("reads a thread's replies with conversations.replies", async () => {
    const thread = await client.conversations.replies({
      channel: CHANNEL,
      ts: String(ts[0]),
      include_all_metadata: true,
    });
    expect(
      thread.messages?.map((m) => (m.metadata?.event_payload as { ref?: string } | undefined)?.ref),
    ).toEqual(['a', 'a-reply']);
  });
});
