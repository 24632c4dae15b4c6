import type { KnownBlock, ModalView, StaticSelect } from '@slack/types';
import {
  type Conversation,
  DECLINE_REASONS,
  formatJobRef,
  type Job,
  MAX_NOTE_CHARS,
  type Merchant,
  type Message,
  type Preferences,
  type ServiceOffer,
} from '../../domain/index.ts';
import { INPUTS, PREFERENCE_FLAGS, VIEWS } from '../ids.ts';
import {
  fitMrkdwn,
  MAX_PLACEHOLDER,
  MAX_TEXT_INPUT,
  mention,
  quote,
  slackDate,
} from '../mrkdwn.ts';
import { context, option, plain, section } from './blocks.ts';
import { headingText, merchantName, storeText } from './job-facts.ts';
import { checkboxes, emailInput, type InputId, input, modal, textInput } from './modal-parts.ts';

export { type JobDetailsModalInput, jobDetailsModal } from './job-details-modal.ts';

/** Enough of the merchant's last words to answer them without leaving the modal. */
const QUOTED_MESSAGE = 1500;

export interface ReplyModalInput {
  job: Job;
  merchant: Merchant;
  lastMerchantMessage?: Message;
}

/** Reply to the merchant of a job. private_metadata: `{"job": <number>}`. */
export function replyModal({ job, merchant, lastMerchantMessage }: ReplyModalInput): ModalView {
  const name = merchantName(merchant);
  const blocks: KnownBlock[] = [section(headingText(job)), context(`To ${name}`)];
  if (lastMerchantMessage) {
    const suffix = '\n_(cut — View conversation has the whole text)_';
    const body = fitMrkdwn(lastMerchantMessage.body, QUOTED_MESSAGE + suffix.length, {
      suffix,
      wrap: quote,
    });
    blocks.push(section(`*${name} wrote* ${slackDate(lastMerchantMessage.sentAt)}:\n${body.text}`));
  }
  blocks.push(replyInput());
  return modal({
    callbackId: VIEWS.reply,
    title: 'Reply to merchant',
    submit: 'Send',
    metadata: { job: job.number },
    blocks,
  });
}

export interface InquiryModalInput {
  conversation: Conversation;
  merchant: Merchant;
}

function inquiryHeading(merchant: Merchant): string {
  const store = storeText(merchant);
  return `*${merchantName(merchant)}*${store ? ` (${store})` : ''} wrote without a job`;
}

/** Answer a conversation without a job. private_metadata: `{"conversation": <id>}`. */
export function inquiryReplyModal({ conversation, merchant }: InquiryModalInput): ModalView {
  return modal({
    callbackId: VIEWS.inquiryReply,
    title: 'Reply to merchant',
    submit: 'Send',
    metadata: { conversation: conversation.id },
    blocks: [section(inquiryHeading(merchant)), replyInput()],
  });
}

/**
 * Tell a merchant without a job that the team can't take the request. The answer is prefilled
 * and stays editable; sending it changes nothing else (no job, no status, no penalty).
 * private_metadata: `{"conversation": <id>}`.
 */
export function cantHelpModal({ conversation, merchant }: InquiryModalInput): ModalView {
  return modal({
    callbackId: VIEWS.cantHelp,
    title: "Can't help",
    submit: 'Send',
    metadata: { conversation: conversation.id },
    blocks: [
      section(inquiryHeading(merchant)),
      context(
        'This answer goes to the merchant as written. Nothing else happens: no job, no status.',
      ),
      input(INPUTS.replyBody, {
        label: 'Your answer',
        element: textInput(INPUTS.replyBody, {
          multiline: true,
          initial: cantHelpText(merchant),
        }),
      }),
    ],
  });
}

/** The input value is sent as typed, never rendered as mrkdwn, so the name goes in unescaped. */
export function cantHelpText(merchant: Pick<Merchant, 'name'>): string {
  const first = merchant.name.trim().split(/\s+/)[0]?.slice(0, 100);
  const greeting = first ? `Hi ${first},` : 'Hi,';
  return [
    `${greeting} thank you for reaching out. Unfortunately we can't take on this request right now.`,
    '',
    'We wish you all the best with your store, and hope to work together another time.',
  ].join('\n');
}

function replyInput() {
  return input(INPUTS.replyBody, {
    label: 'Your reply',
    hint: 'Sent to the merchant as written.',
    element: textInput(INPUTS.replyBody, {
      multiline: true,
      placeholder: 'Write to the merchant…',
      maxLength: MAX_TEXT_INPUT,
    }),
  });
}

export interface JobModalInput {
  job: Job;
}

/** Decline with a reason (and a note, required for Other). private_metadata: `{"job": <n>}`. */
export function declineModal({ job }: JobModalInput): ModalView {
  const reasons: StaticSelect = {
    type: 'static_select',
    action_id: INPUTS.declineReason.action,
    placeholder: plain('Pick a reason', MAX_PLACEHOLDER),
    options: Object.entries(DECLINE_REASONS).map(([value, label]) => option(label, value)),
  };
  return modal({
    callbackId: VIEWS.decline,
    title: `Decline ${formatJobRef(job.number)}`,
    submit: 'Decline',
    metadata: { job: job.number },
    blocks: [
      section(headingText(job)),
      input(INPUTS.declineReason, { label: 'Reason', element: reasons }),
      input(INPUTS.declineNote, {
        label: 'Note',
        optional: true,
        hint: 'Required when the reason is Other',
        element: textInput(INPUTS.declineNote, { multiline: true, maxLength: MAX_NOTE_CHARS }),
      }),
      context('Declines are counted by service in `/jobs stats`.'),
    ],
  });
}

/**
 * Mark complete; asking for a review is the source page's next step, so it starts ticked. The
 * option's value is the input's action id: listeners only check whether anything is ticked.
 */
export function completeModal({ job }: JobModalInput): ModalView {
  const review = option('Ask the merchant for a review', INPUTS.completeReview.action);
  return modal({
    callbackId: VIEWS.complete,
    title: `Complete ${formatJobRef(job.number)}`,
    submit: 'Mark complete',
    metadata: { job: job.number },
    blocks: [
      section(headingText(job)),
      input(INPUTS.completeReview, {
        label: 'Review',
        // Unticking must be allowed: a required checkbox input refuses an empty choice.
        optional: true,
        element: checkboxes(INPUTS.completeReview, [review], () => true),
      }),
    ],
  });
}

export interface PreferencesModalInput {
  preferences: Preferences & { updatedBy?: string | null; updatedAt?: Date | null };
}

const FLAG_LABELS: { value: string; label: string; of: (p: Preferences) => boolean }[] = [
  {
    value: PREFERENCE_FLAGS.availableForWork,
    label: 'Available for work and contactable from the profile',
    of: (p) => p.availableForWork,
  },
  {
    value: PREFERENCE_FLAGS.shownInSearch,
    label: 'Shown in marketplace search and matching',
    of: (p) => p.shownInSearch,
  },
  {
    value: PREFERENCE_FLAGS.worksWithDropshippers,
    label: 'Works with dropshippers',
    of: (p) => p.worksWithDropshippers,
  },
];

/** `Theme customization | 500 | USD`, the format the preferences listener parses back. */
export function serviceLine(service: ServiceOffer): string {
  const parts = [service.name.trim()];
  if (service.price) parts.push(service.price);
  else if (service.currency) parts.push('');
  if (service.currency) parts.push(service.currency);
  return parts.join(' | ');
}

/** The team's marketplace preferences (admins only). Field errors key on the INPUTS block ids. */
export function preferencesModal({ preferences }: PreferencesModalInput): ModalView {
  const flagOptions = FLAG_LABELS.map((f) => option(f.label, f.value));
  const checkedValues = new Set<string>(
    FLAG_LABELS.filter((f) => f.of(preferences)).map((f) => f.value),
  );

  // Whole lines only: a service cut mid-line would be saved cut.
  const lines: string[] = [];
  let length = 0;
  for (const service of preferences.services) {
    const line = serviceLine(service);
    const next = length + (lines.length ? 1 : 0) + line.length;
    if (next > MAX_TEXT_INPUT) break;
    lines.push(line);
    length = next;
  }
  const left = preferences.services.length - lines.length;

  const blocks: KnownBlock[] = [
    section('What the marketplace shows about the team. Only admins can change these.'),
    input(INPUTS.prefsFlags, {
      label: 'Marketplace',
      optional: true,
      element: checkboxes(INPUTS.prefsFlags, flagOptions, (o) => checkedValues.has(o.value ?? '')),
    }),
    input(INPUTS.prefsEmail, {
      label: 'Email for messages and job alerts',
      optional: true,
      element: emailInput(INPUTS.prefsEmail, preferences.notificationEmail, 'team@agency.com'),
    }),
    input(INPUTS.prefsServices, {
      label: 'Services and prices',
      optional: true,
      hint: 'One per line: Name | price | currency, e.g. "Theme customization | 500 | USD". Price and currency are optional.',
      element: textInput(INPUTS.prefsServices, {
        multiline: true,
        initial: lines.join('\n'),
        placeholder: 'Theme customization | 500 | USD',
      }),
    }),
  ];
  if (left > 0) {
    blocks.push(
      context(
        `:warning: ${left} more service${left === 1 ? '' : 's'} did not fit in the box (Slack allows 3,000 characters); saving keeps only the lines above.`,
      ),
    );
  }
  if (preferences.updatedBy && preferences.updatedAt) {
    blocks.push(
      context(
        `Last changed by ${mention(preferences.updatedBy)} ${slackDate(preferences.updatedAt)}`,
      ),
    );
  }
  return modal({
    callbackId: VIEWS.preferences,
    title: 'Team preferences',
    submit: 'Save',
    blocks,
  });
}

/** Log a lead that reached the team by email or phone. */
/** What the new-job modal starts with when it turns an inquiry into a job. */
export interface NewJobPrefill {
  conversationId: number;
  title: string;
  merchantName: string;
  merchantEmail: string | null;
  storeDomain: string | null;
  description: string | null;
}

export function newJobModal(prefill?: NewJobPrefill): ModalView {
  const text = (id: InputId, maxLength: number, placeholder?: string, initial?: string | null) =>
    textInput(id, {
      maxLength,
      ...(placeholder ? { placeholder } : {}),
      ...(initial ? { initial } : {}),
    });
  return modal({
    callbackId: VIEWS.newJob,
    title: prefill ? 'Create a job' : 'Log a job',
    submit: prefill ? 'Create job' : 'Log job',
    ...(prefill && { metadata: { conversation: prefill.conversationId } }),
    blocks: [
      section(
        prefill
          ? "A job for this conversation: its thread becomes the job's, and the 72-hour clock starts now."
          : 'For a lead that reached you by email or phone. It gets a card in the jobs channel and the usual 72-hour clock, starting now.',
      ),
      input(INPUTS.newJobTitle, {
        label: 'Title',
        element: text(INPUTS.newJobTitle, 300, 'Speed up my theme', prefill?.title),
      }),
      input(INPUTS.newJobMerchant, {
        label: 'Merchant name',
        element: text(INPUTS.newJobMerchant, 200, 'Ada Lovelace', prefill?.merchantName),
      }),
      input(INPUTS.newJobEmail, {
        label: 'Merchant email',
        optional: true,
        element: emailInput(INPUTS.newJobEmail, prefill?.merchantEmail ?? null, 'ada@example.com'),
      }),
      input(INPUTS.newJobStore, {
        label: 'Store',
        optional: true,
        element: text(INPUTS.newJobStore, 253, 'ada.myshopify.com', prefill?.storeDomain),
      }),
      input(INPUTS.newJobService, {
        label: 'Service',
        optional: true,
        element: text(INPUTS.newJobService, 200, 'Theme customization'),
      }),
      input(INPUTS.newJobBudget, {
        label: 'Budget',
        optional: true,
        hint: 'An amount and a currency, like "500 USD"',
        element: text(INPUTS.newJobBudget, 30, '500 USD'),
      }),
      input(INPUTS.newJobDescription, {
        label: 'Description',
        optional: true,
        element: textInput(INPUTS.newJobDescription, {
          multiline: true,
          placeholder: 'What the merchant asked for',
          maxLength: 10_000,
          ...(prefill?.description ? { initial: prefill.description } : {}),
        }),
      }),
    ],
  });
}
