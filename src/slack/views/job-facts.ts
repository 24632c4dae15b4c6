/**
 * The facts every job surface shows the same way (card, DM, details, list), so a job reads
 * alike wherever a member meets it. All merchant and intake text is escaped here.
 */

import type { ActionsBlockElement } from '@slack/types';
import {
  clockRuns,
  DECLINE_REASONS,
  effectiveStatus,
  formatJobRef,
  type Ineligibility,
  isAllowed,
  type Job,
  type Merchant,
  type Money,
  type Proposal,
} from '../../domain/index.ts';
import { ACTIONS, MORE_ACTIONS } from '../ids.ts';
import { fitMrkdwn, MAX_FIELD_TEXT, mention, slackDate } from '../mrkdwn.ts';
import { INELIGIBLE_NOTES } from '../refusal-text.ts';
import { button } from './blocks.ts';
import { statusLabel, statusText } from './status-display.ts';

export const TITLE_MAX = 200;
const NAME_MAX = 200;
const STORE_NAME_MAX = 100;
const DOMAIN_MAX = 253;
const SERVICE_MAX = 200;
const MONEY_PART_MAX = 40;

/** Escaped and cut; a title has no line breaks worth keeping in a one-line heading. */
export function titleText(job: Pick<Job, 'title'>, max: number = TITLE_MAX): string {
  const oneLine = job.title.replace(/\s+/g, ' ').trim() || 'Untitled job';
  return fitMrkdwn(oneLine, max).text;
}

/** `*J-12 · Speed up my theme*` */
export function headingText(job: Pick<Job, 'number' | 'title'>, max: number = TITLE_MAX): string {
  return `*${formatJobRef(job.number)} · ${titleText(job, max)}*`;
}

export function merchantName(merchant: Pick<Merchant, 'name'>, max: number = NAME_MAX): string {
  const name = merchant.name.replace(/\s+/g, ' ').trim() || 'The merchant';
  return fitMrkdwn(name, max).text;
}

/** "Ada's (ada.myshopify.com)", or whichever half is known. */
export function storeText(merchant: Pick<Merchant, 'storeName' | 'storeDomain'>): string | null {
  const name = merchant.storeName?.trim()
    ? fitMrkdwn(merchant.storeName.trim(), STORE_NAME_MAX).text
    : null;
  const domain = merchant.storeDomain?.trim()
    ? fitMrkdwn(merchant.storeDomain.trim(), DOMAIN_MAX).text
    : null;
  if (name && domain) return `${name} (${domain})`;
  return name ?? domain;
}

/** `500.00 USD` */
export function moneyText(money: Money | null): string | null {
  if (!money) return null;
  const amount = fitMrkdwn(money.amount, MONEY_PART_MAX).text;
  const currency = fitMrkdwn(money.currency, MONEY_PART_MAX).text;
  return `${amount} ${currency}`.trim() || null;
}

export function serviceText(service: string | null): string | null {
  return service?.trim() ? fitMrkdwn(service.trim(), SERVICE_MAX).text : null;
}

/**
 * Mentions, as many as fit in `max`, then "and N more". Slack shows each mention as the
 * member's name, so this is far shorter on screen than in the payload.
 */
export function mentionList(
  userIds: string[],
  max: number,
  empty = 'Nobody yet',
  cannotAct: Readonly<Record<string, Ineligibility>> = {},
): string {
  if (userIds.length === 0) return empty;
  const all = userIds.map((u) =>
    Object.hasOwn(cannotAct, u)
      ? `${mention(u)} _(${INELIGIBLE_NOTES[cannotAct[u] as Ineligibility]}: gets no DMs)_`
      : mention(u),
  );
  if (all.join(', ').length <= max) return all.join(', ');
  const shown: string[] = [];
  let length = 0;
  for (const m of all) {
    const next = length + (shown.length ? 2 : 0) + m.length;
    const more = ` and ${all.length - shown.length - 1} more`;
    if (next + more.length > max) break;
    shown.push(m);
    length = next;
  }
  const rest = all.length - shown.length;
  return shown.length ? `${shown.join(', ')} and ${rest} more` : `${rest} people`;
}

/** The deadline token, only while the 72-hour clock still runs and has not run out. */
export function deadlineText(job: Job, now: Date): string | null {
  if (!clockRuns(job) || effectiveStatus(job, now) === 'expired') return null;
  return slackDate(job.expiresAt);
}

/**
 * The key facts as section fields (each one well under the 2000-character field limit).
 * `cannotAct`: assignees Slack says may no longer act, marked next to their names.
 */
export function factFields(
  job: Job,
  merchant: Merchant,
  now: Date,
  cannotAct: Readonly<Record<string, Ineligibility>> = {},
): string[] {
  const status = effectiveStatus(job, now);
  const fields = [
    `*Merchant*\n${merchantName(merchant)}`,
    `*Store*\n${storeText(merchant) ?? '_Not given_'}`,
    `*Service*\n${serviceText(job.service) ?? '_Not given_'}`,
    `*Budget*\n${moneyText(job.budget) ?? '_Not given_'}`,
    `*Status*\n${statusText(status)}`,
    `*Assigned*\n${mentionList(job.assignees, MAX_FIELD_TEXT - 20, undefined, cannotAct)}`,
  ];
  const deadline = deadlineText(job, now);
  if (deadline) fields.push(`*Answer by*\n${deadline}`);
  return fields;
}

const NOTE_MAX = 1000;

function declineReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  if (Object.hasOwn(DECLINE_REASONS, reason)) {
    return DECLINE_REASONS[reason as keyof typeof DECLINE_REASONS];
  }
  return fitMrkdwn(reason, 200).text;
}

/**
 * Why a job is closed, as context lines: who declined and why, completion, expiry. Empty for
 * a job that is still open. Uses the effective status so a job past its deadline reads expired.
 */
export function closedLines(job: Job, now: Date): string[] {
  const status = effectiveStatus(job, now);
  if (status === 'expired') {
    return [
      `:alarm_clock: Expired ${slackDate(job.expiresAt)} — nobody answered within 72 hours; expired jobs can't be acted on`,
    ];
  }
  if (status === 'declined') {
    const note = job.declineNote?.trim() ? fitMrkdwn(job.declineNote.trim(), NOTE_MAX).text : null;
    if (job.declinedBy === 'merchant') {
      return [`:no_entry_sign: Declined by the merchant${note ? `: ${note}` : ''}`];
    }
    const reason = declineReasonLabel(job.declineReason);
    const why = [reason ? `*${reason}*` : null, note].filter(Boolean).join(' — ');
    return [`:no_entry_sign: Declined by the team${why ? `: ${why}` : ''}`];
  }
  if (status === 'completed') {
    const done = job.closedAt ? ` ${slackDate(job.closedAt)}` : '';
    const review = job.reviewRequested ? ' · Review requested' : '';
    return [`:white_check_mark: Completed${done}${review}`];
  }
  if (status === 'inactive') return [':zzz: Marked inactive — messages can still be sent'];
  return [];
}

/** Open and Reply, when the domain allows them now; the same ids and values as on the card. */
/** Nothing can be done with the job any more (declined, expired): it can only be read. */
export function isReadOnly(job: Job, now: Date): boolean {
  return !isAllowed(job, 'team_message', now) && !isAllowed(job, 'assign', now);
}

/**
 * Open and Reply where they work. A job closed for good keeps, wherever it shows (card, DM), the
 * one action that only reads: View conversation, which records nothing on the job.
 */
export function openAndReplyButtons(job: Job, now: Date): ActionsBlockElement[] {
  const value = String(job.number);
  if (isReadOnly(job, now)) {
    return [
      button({
        text: 'View conversation',
        actionId: ACTIONS.moreActions,
        value: `${MORE_ACTIONS.viewConversation}:${job.number}`,
      }),
    ];
  }
  const elements: ActionsBlockElement[] = [];
  if (isAllowed(job, 'open', now)) {
    elements.push(button({ text: 'Open', actionId: ACTIONS.openJob, value }));
  }
  if (isAllowed(job, 'team_message', now)) {
    elements.push(button({ text: 'Reply', actionId: ACTIONS.reply, value, style: 'primary' }));
  }
  return elements;
}

/** Plain, escaped one-liner for notification fallbacks. */
export function summaryText(job: Job, merchant: Merchant, now: Date): string {
  const status = effectiveStatus(job, now);
  return `${formatJobRef(job.number)} · ${titleText(job, 150)} — ${merchantName(merchant, 100)} · ${statusLabel(status)}`;
}

/** A proposal's title and price, escaped: `Theme tweaks — 500.00 USD`. */
export function proposalText(proposal: Proposal): string {
  const title = fitMrkdwn(proposal.title.replace(/\s+/g, ' ').trim() || 'Untitled', 300).text;
  const money = [proposal.amount, proposal.currency].filter(Boolean).join(' ');
  return money ? `${title} — ${fitMrkdwn(money, 60).text}` : title;
}
