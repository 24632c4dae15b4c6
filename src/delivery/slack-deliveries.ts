import { clockRuns, effectiveStatus, refusalFor } from '../domain/index.ts';
import { digestIsEmpty } from '../services/daily-digest.ts';
import type { Services } from '../services/index.ts';
import {
  type AdminNotice,
  type DirectMessage,
  reminderEntries,
  TOPICS,
} from '../services/outbox-topics.ts';
import type { OutboxRow } from '../services/ports.ts';
import { appHomeView } from '../slack/views/app-home.ts';
import { dailyDigest } from '../slack/views/daily-digest.ts';
import { deadDeliveriesNotice } from '../slack/views/dead-deliveries.ts';
import {
  assigneeReminders,
  type ChannelReminderInput,
  channelReminders,
} from '../slack/views/deadline-reminder.ts';
import { directMessage } from '../slack/views/direct-messages.ts';
import { automaticEmailPost, notDeliveredPost } from '../slack/views/email-posts.ts';
import { inquiryCard } from '../slack/views/inquiry-card.ts';
import { jobCard } from '../slack/views/job-card.ts';
import { merchantMessagePost, proposalPost, teamMessagePost } from '../slack/views/thread-posts.ts';
import { retryWrite } from './backoff.ts';
import { DeliveryError, type DeliveryOutcome } from './outcome.ts';
import { channelKey, pacedSlack } from './paced-slack.ts';
import type { ChannelPacer } from './pacer.ts';
import { PostedLookup } from './posted-lookup.ts';
import type { DeliveryMetadata, SlackApi, SlackMessage } from './slack-api.ts';
import type { DeliveryHandler } from './worker.ts';

const DONE: DeliveryOutcome = { kind: 'done' };
/** A thread post waits this long for its card to be posted first. */
const CARD_PENDING_MS = 1000;

interface Deps {
  services: Services;
  slack: SlackApi;
  /** The business clock: what cards and reminders say. */
  now: () => Date;
  /** Paces posts per channel and holds what Slack's Retry-After paused. */
  pacer: ChannelPacer;
  /** Errors that mean the database is away for a moment (see `isDatabaseUnavailable`). */
  isUnavailable?: (error: unknown) => boolean;
}

/**
 * How far before its row was written a retried post's look-up starts: the row's time is the
 * database's, the message's Slack's, and the two clocks may differ by this much.
 */
const LOOKUP_SKEW_MS = 60_000;

/** How long the card's location is retried after Slack posted it, through a database restart. */
const REMEMBER_FOR_MS = 20_000;

/**
 * Which rows must go out in order: a person's DMs, and the thread posts (a reply after the
 * message it answers). Each card, and anything else with a coalesce key, is a lane of its own.
 */
export function slackLane(row: OutboxRow): string {
  if (
    row.topic === TOPICS.directMessage ||
    row.topic === TOPICS.adminNotice ||
    row.topic === TOPICS.dmReminders
  ) {
    return `dm:${String(row.payload.userId)}`;
  }
  if (
    row.topic === TOPICS.threadMessage ||
    row.topic === TOPICS.threadProposal ||
    (row.topic === TOPICS.emailNotice && row.payload.userId === undefined)
  ) {
    return 'slack.thread';
  }
  return row.coalesceKey ?? row.topic;
}

/**
 * Renders each Slack outbox row from the current state of what it names and sends it. Cards are
 * posted once and updated in place ever after; their location is stored the moment Slack answers.
 * Every post waits for its channel's slot (see ChannelPacer), shared by every replica.
 */
export function slackDeliveries({
  services,
  slack,
  now,
  pacer,
  isUnavailable = () => false,
}: Deps): Record<string, DeliveryHandler> {
  /**
   * A write that must follow a post Slack already made: if it were lost, the next attempt would
   * post the card again. While the database is away it is retried (up to REMEMBER_FOR_MS).
   */
  async function mustRecord(write: () => Promise<void>): Promise<void> {
    return retryWrite(write, Date.now() + REMEMBER_FOR_MS, isUnavailable);
  }

  async function postCard(
    api: SlackApi,
    row: OutboxRow,
    ref: string,
    existing: { channelId: string | null; ts: string | null },
    message: SlackMessage,
    remember: (card: { channelId: string; ts: string }) => Promise<void>,
  ): Promise<void> {
    if (existing.channelId && existing.ts) {
      if (await api.update(existing.channelId, existing.ts, message)) return;
    }
    const channel = await services.jobsChannel(row.workspaceId);
    if (!channel) throw noJobsChannel();
    const adopted = await postedBefore(api, row, channel, ref);
    if (adopted) {
      await mustRecord(() => remember({ channelId: channel, ts: adopted }));
      // The card went out as it was then; it says what is true now.
      await api.update(channel, adopted, message);
      return;
    }
    const posted = await api.post(channel, message, undefined, { metadata: metadataOf(row, ref) });
    await mustRecord(() => remember({ channelId: posted.channel, ts: posted.ts }));
  }

  const lookup = new PostedLookup();

  /**
   * The ts of a message an earlier attempt of `row` posted, when one may have: a claimed attempt
   * that never recorded its result (the process died, or Slack's answer was lost) leaves the row
   * with more than one attempt. Only those rows look; the look-up waits (posts nothing) until
   * Slack answers it, and a failed look-up fails the attempt like a failed post.
   */
  async function postedBefore(
    api: SlackApi,
    row: OutboxRow,
    channel: string,
    ref: string,
    threadTs?: string,
  ): Promise<string | undefined> {
    if (row.attempts <= 1) return undefined;
    const oldest = new Date(row.createdAt.getTime() - LOOKUP_SKEW_MS);
    return lookup.find(api, channel, ref, oldest, threadTs);
  }

  /** A thread post, once: adopted when an earlier attempt already made it. */
  async function postInThread(
    api: SlackApi,
    row: OutboxRow,
    ref: string,
    root: { channelId: string; ts: string },
    message: SlackMessage,
  ): Promise<void> {
    if (await postedBefore(api, row, root.channelId, ref, root.ts)) return;
    await api.post(root.channelId, message, root.ts, { metadata: metadataOf(row, ref) });
  }

  /** A thread post waits for its card: about as long as the jobs channel's queue, at least 1 s. */
  async function waitForCard(workspaceId: string): Promise<DeliveryOutcome> {
    const channel = await services.jobsChannel(workspaceId);
    const backlog = channel ? await pacer.backlogMs(channelKey(channel)) : 0;
    return { kind: 'wait', ms: Math.max(CARD_PENDING_MS, backlog), reason: 'card not posted yet' };
  }

  const forRow = (row: OutboxRow) => pacedSlack(slack, pacer, String(row.id));

  return {
    async [TOPICS.jobCard](row: OutboxRow) {
      const job = await services.getJobById(row.workspaceId, Number(row.payload.jobId));
      if (!job) return DONE;
      const [merchant, cannotAct] = await Promise.all([
        services.getMerchant(row.workspaceId, job.merchantId),
        services.whoCannotAct(row.workspaceId, job.assignees),
      ]);
      if (!merchant) return DONE;
      await postCard(
        forRow(row),
        row,
        `job-card:${job.id}`,
        { channelId: job.cardChannelId, ts: job.cardTs },
        jobCard({ job, merchant, now: now(), cannotAct }),
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
        forRow(row),
        row,
        `inquiry-card:${conversationId}`,
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
      if (!root) return waitForCard(row.workspaceId);
      const post =
        message.direction === 'merchant'
          ? merchantMessagePost({ message, merchant: root.merchant })
          : teamMessagePost({
              message,
              emailedTo:
                (await services.getEmailForMessage(row.workspaceId, message.id))?.toAddress ??
                undefined,
            });
      await postInThread(forRow(row), row, `message:${message.id}`, root, post);
      return DONE;
    },

    /** Automatic mail in its thread, or an email of ours not delivered (thread, or an assignee's DM). */
    async [TOPICS.emailNotice](row: OutboxRow) {
      const email = await services.getEmail(row.workspaceId, Number(row.payload.emailId));
      if (!email?.conversationId) return DONE;
      const post =
        row.payload.notice === 'automatic' ? automaticEmailPost(email) : notDeliveredPost(email);
      const api = forRow(row);
      if (typeof row.payload.userId === 'string') {
        await api.post(await api.openDm(row.payload.userId), post);
        return DONE;
      }
      const root = await threadRoot(row.workspaceId, email.conversationId, null);
      if (!root) return waitForCard(row.workspaceId);
      await api.post(root.channelId, post, root.ts, { broadcast: row.payload.broadcast === true });
      return DONE;
    },

    async [TOPICS.threadProposal](row: OutboxRow) {
      const proposal = await services.getProposal(row.workspaceId, Number(row.payload.proposalId));
      if (!proposal) return DONE;
      const root = await threadRoot(row.workspaceId, proposal.conversationId, proposal.jobId);
      if (!root) return waitForCard(row.workspaceId);
      await postInThread(
        forRow(row),
        row,
        `proposal:${proposal.id}`,
        root,
        proposalPost({ proposal, merchant: root.merchant }),
      );
      return DONE;
    },

    async [TOPICS.directMessage](row: OutboxRow) {
      const dm = row.payload as unknown as DirectMessage;
      const job = await services.getJobById(row.workspaceId, dm.jobId);
      if (!job) return DONE;
      // Asked at every DM, not cached: a deactivation or a turn to guest bites at the next DM,
      // which would otherwise hand the merchant's details to someone who may no longer see them.
      const refusal = refusalFor(await slack.person(dm.userId), row.workspaceId);
      const cannotAct = refusal && refusal !== 'unverified' ? refusal : null;
      await services.recordEligibility(row.workspaceId, dm.userId, cannotAct);
      if (cannotAct) return DONE;
      const [merchant, message] = await Promise.all([
        services.getMerchant(row.workspaceId, job.merchantId),
        dm.messageId ? services.getMessage(row.workspaceId, dm.messageId) : undefined,
      ]);
      if (!merchant) return DONE;
      const api = forRow(row);
      const channel = await api.openDm(dm.userId);
      await api.post(channel, directMessage({ ...dm, job, merchant, message, now: now() }));
      return DONE;
    },

    async [TOPICS.adminNotice](row: OutboxRow) {
      const notice = row.payload as unknown as AdminNotice;
      const api = forRow(row);
      const channel = await api.openDm(notice.userId);
      await api.post(channel, deadDeliveriesNotice(notice));
      return DONE;
    },

    async [TOPICS.dmReminders](row: OutboxRow) {
      const items = await stillDue(row);
      const [only] = items;
      if (!only) return DONE;
      const userId = String(row.payload.userId);
      const post =
        items.length === 1
          ? directMessage({
              reason: 'deadline',
              job: only.job,
              merchant: only.merchant,
              now: only.now,
            })
          : assigneeReminders(items);
      const api = forRow(row);
      await api.post(await api.openDm(userId), post);
      return DONE;
    },

    async [TOPICS.channelReminder](row: OutboxRow) {
      const items = await stillDue(row);
      const post = channelReminders(items);
      if (!post) return DONE;
      const api = forRow(row);
      const job = items.length === 1 ? items[0]?.job : undefined;
      // One job: under its card, broadcast. Several: one message in the channel listing them.
      if (job?.cardChannelId && job.cardTs) {
        await api.post(job.cardChannelId, post, job.cardTs, { broadcast: true });
        return DONE;
      }
      const channel = await services.jobsChannel(row.workspaceId);
      if (!channel) throw noJobsChannel();
      // Several jobs, or no card (it could not be posted): the reminder stands in the channel.
      await api.post(channel, post);
      return DONE;
    },

    async [TOPICS.digest](row: OutboxRow) {
      const day = String(row.payload.day);
      const timeZone = String(row.payload.timeZone);
      const channel = await services.jobsChannel(row.workspaceId);
      if (!channel) throw noJobsChannel();
      const since = typeof row.payload.since === 'string' ? new Date(row.payload.since) : undefined;
      const digest = await services.getDigest(
        row.workspaceId,
        timeZone,
        since && !Number.isNaN(since.getTime()) ? since : undefined,
      );
      // Quiet days stay quiet: no post that only says there is nothing to say.
      if (digestIsEmpty(digest)) return DONE;
      await forRow(row).post(channel, dailyDigest({ ...digest, day, timeZone, now: now() }));
      return DONE;
    },

    /** A job someone's Home shows changed: their Home as it is now, back at the first pages. */
    async [TOPICS.home](row: OutboxRow) {
      const home = await services.getHome(row.workspaceId, String(row.payload.userId));
      await slack.publishHome(home.userId, appHomeView({ home, now: now() }));
      return DONE;
    },
  };

  /** The jobs a reminder row names that still run towards their deadline, with their merchants. */
  async function stillDue(row: OutboxRow): Promise<ChannelReminderInput[]> {
    const at = now();
    const items: ChannelReminderInput[] = [];
    for (const { jobId, stage } of reminderEntries(row.payload)) {
      const job = await services.getJobById(row.workspaceId, jobId);
      // Late: the team answered, or the job closed or ran out meanwhile. Nothing to remind of.
      if (!job || !clockRuns(job) || effectiveStatus(job, at) === 'expired') continue;
      const merchant = await services.getMerchant(row.workspaceId, job.merchantId);
      if (merchant) items.push({ job, merchant, stage, now: at });
    }
    return items;
  }

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

/** What a post carries so that a retry can recognise it (see PostedLookup). */
function metadataOf(row: OutboxRow, ref: string): DeliveryMetadata {
  return { event_type: 'jobdesk_delivery', event_payload: { outbox_id: row.id, ref } };
}

function noJobsChannel(): DeliveryError {
  return new DeliveryError(
    'no jobs channel is set: set SLACK_JOBS_CHANNEL or run /jobs channel in the channel',
    false,
    { code: 'no_jobs_channel' },
  );
}
