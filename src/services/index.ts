import { changeAssignees } from './assign.ts';
import { declineJob, markComplete, markInactive, reactivate } from './change-status.ts';
import type { ServiceDeps } from './context.ts';
import { getDigest, queueDailyDigest } from './daily-digest.ts';
import { sendDeadlineReminders } from './deadline-reminders.ts';
import { ingestEmail } from './email/ingest-email.ts';
import {
  getEmail,
  getEmailForMessage,
  getOutboundEmail,
  listConversationEmails,
  markEmailRefused,
  markEmailSent,
} from './email/outbound-email.ts';
import { expireDueJobs } from './expire-due-jobs.ts';
import { getHome, openHome, preferencesToEdit } from './home.ts';
import { ingestEvent } from './ingest-event.ts';
import { jobDraftFromInquiry, logJobByHand } from './log-job-by-hand.ts';
import {
  changeAdmins,
  getMember,
  listAdmins,
  recordEligibility,
  recordRefusal,
  setJobsChannel,
  setNotifications,
  whoCannotAct,
} from './members.ts';
import { openJob } from './open-job.ts';
import { countJobsByStatus } from './operations.ts';
import {
  announceDeadDeliveries,
  deadDeliverySummary,
  listDeadDeliveries,
  pruneDeliveredOutbox,
  retryDeadDeliveries,
} from './outbox-admin.ts';
import { getPreferences, updatePreferences } from './preferences.ts';
import {
  getConversation,
  getJob,
  getJobById,
  getJobDetails,
  isAdmin,
  listJobs,
  teamStats,
} from './queries.ts';
import { replyToInquiry, replyToJob } from './reply.ts';
import {
  getMerchant,
  getMessage,
  getProposal,
  jobsChannel,
  recordInquiryCard,
  recordJobCard,
} from './slack-state.ts';
import { setUpWorkspace, workspaceFingerprint } from './workspace-setup.ts';

// The public surface the adapters (Slack, HTTP, cron) import: the bound use cases below, and the
// types and values of what they return.
export type { Actor, ServiceDeps } from './context.ts';
export {
  HOME_SECTIONS,
  type Home,
  type HomeList,
  type HomePages,
  type HomeSection,
} from './home.ts';
export type { IngestResult } from './ingest-event.ts';
export type { DeadDeliveries } from './outbox-admin.ts';
export type { DmReason } from './outbox-topics.ts';
export type { StoredEmail } from './ports.ts';
export type { JobDetails, TeamStats } from './queries.ts';

type Bound<F> = F extends (deps: ServiceDeps, ...args: infer A) => infer R
  ? (...args: A) => R
  : never;

const useCases = {
  ingestEvent,
  openJob,
  changeAssignees,
  replyToJob,
  replyToInquiry,
  declineJob,
  markInactive,
  reactivate,
  markComplete,
  expireDueJobs,
  sendDeadlineReminders,
  queueDailyDigest,
  getDigest,
  listDeadDeliveries,
  deadDeliverySummary,
  announceDeadDeliveries,
  retryDeadDeliveries,
  pruneDeliveredOutbox,
  countJobsByStatus,
  getPreferences,
  updatePreferences,
  openHome,
  getHome,
  preferencesToEdit,
  logJobByHand,
  jobDraftFromInquiry,
  setUpWorkspace,
  workspaceFingerprint,
  listJobs,
  getJob,
  getJobById,
  getJobDetails,
  getConversation,
  teamStats,
  isAdmin,
  getMember,
  setNotifications,
  listAdmins,
  changeAdmins,
  setJobsChannel,
  recordRefusal,
  recordEligibility,
  whoCannotAct,
  recordJobCard,
  recordInquiryCard,
  jobsChannel,
  getMessage,
  getMerchant,
  getProposal,
  ingestEmail,
  getOutboundEmail,
  getEmail,
  getEmailForMessage,
  listConversationEmails,
  markEmailSent,
  markEmailRefused,
};

export type Services = { [K in keyof typeof useCases]: Bound<(typeof useCases)[K]> };

/** Binds every use case to its dependencies: the one object the adapters (Slack, HTTP, cron) get. */
export function createServices(deps: ServiceDeps): Services {
  const bound: Record<string, unknown> = {};
  for (const [name, useCase] of Object.entries(useCases)) {
    bound[name] = (...args: unknown[]) =>
      (useCase as (deps: ServiceDeps, ...rest: unknown[]) => unknown)(deps, ...args);
  }
  return bound as Services;
}
