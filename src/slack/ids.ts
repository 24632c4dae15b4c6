/**
 * Every action id, callback id and input id of jobdesk's Slack surfaces. Builders put them on
 * the elements and listeners route on them, so the two cannot drift apart.
 */

/** Buttons and menus on job cards, inquiry cards, DMs, lists and the job details modal. */
export const ACTIONS = {
  openJob: 'job_open',
  assignSelf: 'job_assign_self',
  /** In the ephemeral answer to Assign to me: the card is shared, so "me" is only known there. */
  unassignSelf: 'job_unassign_self',
  assignUsers: 'job_assign_users',
  reply: 'job_reply',
  /** The "More actions" overflow: the option value says which (see MORE_ACTIONS). */
  moreActions: 'job_more_actions',
  inquiryReply: 'inquiry_reply',
  inquiryCantHelp: 'inquiry_cant_help',
  /** Opens the new-job modal prefilled from the inquiry; the job takes over its conversation. */
  inquiryCreateJob: 'inquiry_create_job',
  /** Older/newer messages in the job details modal. */
  historyPage: 'details_history_page',
  /** Opens one email of the conversation, whole; `details_read_email:<id>` (value: the id). */
  readEmail: 'details_read_email',
  editPreferences: 'preferences_edit',
  /** `/jobs outbox`: put failed deliveries back in the outbox (value: a row id, or `all`). */
  outboxRetry: 'outbox_retry',
  /** Previous/next page of one App Home list; the value is `<list>:<offset>` of the page to show. */
  homePagePrevious: 'home_page_previous',
  homePageNext: 'home_page_next',
  /** In the answer to an expired trigger: runs the `/jobs …` command again (value: its text). */
  retryCommand: 'command_retry',
} as const;

/** The options of the "More actions" overflow, in the order they are shown. */
export const MORE_ACTIONS = {
  decline: 'decline',
  markInactive: 'mark_inactive',
  markComplete: 'mark_complete',
  reactivate: 'reactivate',
  viewConversation: 'view',
} as const;
export type MoreAction = (typeof MORE_ACTIONS)[keyof typeof MORE_ACTIONS];

/** Modal callback ids. */
export const VIEWS = {
  reply: 'reply_modal',
  inquiryReply: 'inquiry_reply_modal',
  cantHelp: 'cant_help_modal',
  decline: 'decline_modal',
  complete: 'complete_modal',
  preferences: 'preferences_modal',
  newJob: 'new_job_modal',
  jobDetails: 'job_details_modal',
  email: 'email_modal',
  /** The App Home view (callback id of views.publish). */
  home: 'app_home',
  /** A short answer shown in a modal where there is nowhere else to say it (App Home). */
  notice: 'notice_modal',
  settings: 'settings_modal',
} as const;

/** block_id and action_id of every modal input; `errors` in a view response key on block_id. */
export const INPUTS = {
  replyBody: { block: 'reply_body', action: 'body' },
  declineReason: { block: 'decline_reason', action: 'reason' },
  declineNote: { block: 'decline_note', action: 'note' },
  completeReview: { block: 'complete_review', action: 'ask_for_review' },
  prefsFlags: { block: 'prefs_flags', action: 'flags' },
  prefsEmail: { block: 'prefs_email', action: 'email' },
  prefsServices: { block: 'prefs_services', action: 'services' },
  newJobTitle: { block: 'new_job_title', action: 'title' },
  newJobMerchant: { block: 'new_job_merchant', action: 'merchant' },
  newJobEmail: { block: 'new_job_email', action: 'email' },
  newJobStore: { block: 'new_job_store', action: 'store' },
  newJobService: { block: 'new_job_service', action: 'service' },
  newJobBudget: { block: 'new_job_budget', action: 'budget' },
  newJobDescription: { block: 'new_job_description', action: 'description' },
  notifyKinds: { block: 'notify_kinds', action: 'kinds' },
} as const;

/** The checkbox values of the personal DM settings, one per kind of DM. */
export const NOTIFY_KINDS = {
  onAssignment: 'assignment',
  onMessage: 'merchant_message',
  onStatusChange: 'status_change',
  onDeadline: 'deadline',
} as const;

/** The checkbox values of the preferences flags input. */
export const PREFERENCE_FLAGS = {
  availableForWork: 'available_for_work',
  shownInSearch: 'shown_in_search',
  worksWithDropshippers: 'works_with_dropshippers',
} as const;

/** The slash command. */
export const JOBS_COMMAND = '/jobs';

/**
 * manifest.yml's `messages_tab_read_only_enabled`: people read jobdesk's DMs but cannot write to
 * it there (it would not read what they wrote). The sandbox shows the tab the same way.
 */
export const MESSAGES_TAB_READ_ONLY = true;
