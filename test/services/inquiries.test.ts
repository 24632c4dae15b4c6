import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conversations } from '../../src/db/schema.ts';
import {
  jobCreatedWire,
  jobDeclinedWire,
  messageReceivedWire,
  proposalAcceptedWire,
} from '../fixtures/intake-events.ts';
import { ALICE, useServices, WORKSPACE } from './harness.ts';

const h = useServices();

async function conversationOf(sourceId: string) {
  const [row] = await h.database.db
    .select()
    .from(conversations)
    .where(eq(conversations.sourceId, sourceId));
  if (!row) throw new Error(`no conversation ${sourceId}`);
  return row;
}

describe('conversations without a job', () => {
  it("answers can't help: the message is stored, the conversation closed on our side, no job", async () => {
    const wire = messageReceivedWire({ conversationId: 'conv_cant', sentAt: h.clock.now });
    await h.ingest(wire);
    const conversation = await conversationOf('conv_cant');
    const message = await h.services.replyToInquiry(
      h.actor(ALICE),
      conversation.id,
      'Sorry, not for us.',
      {
        cantHelp: true,
      },
    );
    expect(message).toMatchObject({ direction: 'team', jobId: null, authorUserId: ALICE });
    expect(await conversationOf('conv_cant')).toMatchObject({ declinedBy: ALICE });
    const details = await h.services.getConversation(WORKSPACE, conversation.id);
    expect(details.job).toBeUndefined();
    expect(details.messages.map((m) => m.direction)).toEqual(['merchant', 'team']);
  });

  it("refuses can't help on a conversation that has a job", async () => {
    const created = jobCreatedWire({ conversationId: 'conv_with_job', createdAt: h.clock.now });
    await h.ingest(created);
    const conversation = await conversationOf('conv_with_job');
    await expect(
      h.services.replyToInquiry(h.actor(ALICE), conversation.id, 'no', { cantHelp: true }),
    ).rejects.toMatchObject({ code: 'conversation_has_job' });
  });

  it('records a repeated merchant message once', async () => {
    const wire = messageReceivedWire({ conversationId: 'conv_repeat', messageId: 'msg_same' });
    await h.ingest(wire);
    const again = await h.ingest({ ...wire, id: 'evt_other_id_same_message' });
    expect(again.notes).toEqual(['message msg_same was already stored']);
    const conversation = await conversationOf('conv_repeat');
    expect((await h.services.getConversation(WORKSPACE, conversation.id)).totalMessages).toBe(1);
  });
});

describe('proposals and merchant declines', () => {
  it('a proposal accepted with an existing store starts a job opened and answered', async () => {
    const result = await h.ingest(
      proposalAcceptedWire({ storeChoice: 'existing', occurredAt: h.clock.now }),
    );
    const job = await h.services.getJob(WORKSPACE, Number(result.job?.slice(2)));
    expect(job).toMatchObject({
      status: 'opened',
      firstResponseAt: h.clock.now,
      lastWriter: 'team',
    });
  });

  it('a merchant decline on a completed job is recorded but changes nothing', async () => {
    const created = jobCreatedWire({ createdAt: h.clock.now });
    const number = Number((await h.ingest(created)).job?.slice(2));
    await h.services.markComplete(h.actor(ALICE), number, { askForReview: false });
    const result = await h.ingest(jobDeclinedWire({ jobId: created.data.job.id }));
    expect(result.notes?.[0]).toMatch(/not applied: .*completed/);
    const job = await h.services.getJob(WORKSPACE, number);
    expect(job.status).toBe('completed');
    expect((await h.auditFor(job.id)).at(-1)).toMatchObject({ action: 'merchant_decline_ignored' });
  });
});
