import type { Services } from '../services/index.ts';
import { type DirectMessage, TOPICS } from '../services/outbox-topics.ts';
import type { OutboxRow } from '../services/ports.ts';
import { appHomeView } from '../slack/views/app-home.ts';
import { directMessage } from '../slack/views/direct-messages.ts';
import { inquiryCard } from '../slack/views/inquiry-card.ts';
import { jobCard } from '../slack/views/job-card.ts';
import { merchantMessagePost, proposalPost, teamMessagePost } from '../slack/views/thread-posts.ts';
import { DeliveryError, type DeliveryOutcome } from './outcome.ts';
import type { SlackApi, SlackMessage } from './slack-api.ts';
import type { DeliveryHandler } from './worker.ts';

const DONE: DeliveryOutcome = { kind: 'done' };
/** A thread post waits this long for its card to be posted first. */
const CARD_PENDING_MS = 1000;

interface Deps {
  services: Services;
  slack: SlackApi;
  now: () => Date;
}

/**
 * Renders each Slack outbox row from the current state of what it names and sends it. Cards are
 * posted once and updated in place ever after; their location is stored the moment Slack answers.
 */
export function slackDeliveries({ services, slack, now }: Deps): Record<string, DeliveryHandler> {
  async function postCard(
    workspaceId: string,
    existing: { channelId: string | null; ts: string | null },
    message: SlackMessage,
    remember: (card: { channelId: string; ts: string }) => Promise<void>,
  ): Promise<void> {
    if (existing.channelId && existing.ts) {
      if (await slack.update(existing.channelId, existing.ts, message)) return;
    }
    const channel = await services.jobsChannel(workspaceId);
    if (!channel) {
      throw new DeliveryError(
        'no jobs channel is set: set SLACK_JOBS_CHANNEL or run /jobs channel in the channel',
        false,
      );
    }
    const posted = await slack.post(channel, message);
    await remember({ channelId: posted.channel, ts: posted.ts });
  }

  return {
    async [TOPICS.jobCard](row: OutboxRow) {
      const job = await services.getJobById(row.workspaceId, Number(row.payload.jobId));
      if (!job) return DONE;
      const merchant = await services.getMerchant(row.workspaceId, job.merchantId);
      if (!merchant) return DONE;
      await postCard(
        row.workspaceId,
        { channelId: job.cardChannelId, ts: job.cardTs },
        jobCard({ job, merchant, now: now() }),
        (card) => services.recordJobCard(row.workspaceId, job.id, card),
      );
      return DONE;
    },

    async [TOPICS.inquiryCard](row: OutboxRow) {
      const conversationId = Number(row.payload.conversationId);
      const first = await services.getConversation(row.workspaceId, conversationId, {
        limit: 0,
        offset: 0,
      });
      // Once the conversation has a job, its card is the job card.
      if (first.job) return DONE;
      const last = await services.getConversation(row.workspaceId, conversationId, {
        limit: 1,
        offset: Math.max(0, first.totalMessages - 1),
      });
      await postCard(
        row.workspaceId,
        { channelId: first.conversation.cardChannelId, ts: first.conversation.cardTs },
        inquiryCard({
          conversation: first.conversation,
          merchant: first.merchant,
          messageCount: first.totalMessages,
          lastMessage: last.messages[0],
          proposals: first.proposals,
        }),
        (card) => services.recordInquiryCard(row.workspaceId, conversationId, card),
      );
      return DONE;
    },

    async [TOPICS.threadMessage](row: OutboxRow) {
      const message = await services.getMessage(row.workspaceId, Number(row.payload.messageId));
      if (!message) return DONE;
      const root = await threadRoot(row.workspaceId, message.conversationId, message.jobId);
      if (!root) return { kind: 'wait', ms: CARD_PENDING_MS, reason: 'card not posted yet' };
      const post =
        message.direction === 'merchant'
          ? merchantMessagePost({ message, merchant: root.merchant })
          : teamMessagePost({ message });
      await slack.post(root.channelId, post, root.ts);
      return DONE;
    },

    async [TOPICS.threadProposal](row: OutboxRow) {
      const proposal = await services.getProposal(row.workspaceId, Number(row.payload.proposalId));
      if (!proposal) return DONE;
      const root = await threadRoot(row.workspaceId, proposal.conversationId, proposal.jobId);
      if (!root) return { kind: 'wait', ms: CARD_PENDING_MS, reason: 'card not posted yet' };
      await slack.post(
        root.channelId,
        proposalPost({ proposal, merchant: root.merchant }),
        root.ts,
      );
      return DONE;
    },

    async [TOPICS.directMessage](row: OutboxRow) {
      const dm = row.payload as unknown as DirectMessage;
      const job = await services.getJobById(row.workspaceId, dm.jobId);
      if (!job) return DONE;
      const [merchant, message] = await Promise.all([
        services.getMerchant(row.workspaceId, job.merchantId),
        dm.messageId ? services.getMessage(row.workspaceId, dm.messageId) : undefined,
      ]);
      if (!merchant) return DONE;
      const channel = await slack.openDm(dm.userId);
      await slack.post(channel, directMessage({ ...dm, job, merchant, message, now: now() }));
      return DONE;
    },

    /** A job someone's Home shows changed: their Home as it is now, back at the first pages. */
    async [TOPICS.home](row: OutboxRow) {
      const home = await services.getHome(row.workspaceId, String(row.payload.userId));
      await slack.publishHome(home.userId, appHomeView({ home, now: now() }));
      return DONE;
    },
  };

  /** The card a conversation's posts thread under: its job's card, or its inquiry card. */
  async function threadRoot(workspaceId: string, conversationId: number, jobId: number | null) {
    const details = await services.getConversation(workspaceId, conversationId, {
      limit: 0,
      offset: 0,
    });
    const job = jobId ? await services.getJobById(workspaceId, jobId) : details.job;
    const channelId = job ? job.cardChannelId : details.conversation.cardChannelId;
    const ts = job ? job.cardTs : details.conversation.cardTs;
    return channelId && ts ? { channelId, ts, merchant: details.merchant } : undefined;
  }
}
