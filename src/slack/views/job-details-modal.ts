import type { KnownBlock, ModalView } from '@slack/types';
import { formatJobRef, type JobEvent, type Message } from '../../domain/index.ts';
import type { JobDetails } from '../../services/index.ts';
import { ACTIONS, VIEWS } from '../ids.ts';
import {
  escapeMrkdwn,
  fitMrkdwn,
  fitPrefix,
  MAX_FIELDS,
  MAX_MODAL_BLOCKS,
  MAX_SECTION_TEXT,
  mention,
  quote,
  slackDate,
} from '../mrkdwn.ts';
import { actions, button, chunkLines, context, divider, fieldsSection, section } from './blocks.ts';
import { emailButtons } from './email-modal.ts';
import { proposalLine } from './inquiry-card.ts';
import { closedLines, factFields, headingText, merchantName, proposalText } from './job-facts.ts';
import { modal } from './modal-parts.ts';
import { statusLabel } from './status-display.ts';

export interface JobDetailsModalInput {
  details: JobDetails;
  /** The page `details.messages` holds: `offset` counts from the oldest message. */
  page: { offset: number; limit: number };
  now: Date;
}

/** A description longer than this many sections is cut; 12,000 characters is a long brief. */
const DESCRIPTION_SECTIONS = 4;
/** Enough for a 50,000-character message, the longest the intake accepts. */
const SECTIONS_PER_MESSAGE = 20;
const EVENTS_SHOWN = 10;
const PROPOSALS_SHOWN = 10;

/**
 * A job with one page of its conversation, oldest first. Every message is shown whole when the
 * modal's 100 blocks allow; when they don't, the page ends early and Newer continues from the
 * first message left out, where it has the room to itself.
 * private_metadata: `{"job": <number>, "offset": <offset>}`.
 */
export function jobDetailsModal({ details, page, now }: JobDetailsModalInput): ModalView {
  const { job, merchant } = details;
  const ref = formatJobRef(job.number);
  const offset = Math.max(0, page.offset);
  const limit = Math.max(1, page.limit);

  const facts = factFields(job, merchant, now);
  if (merchant.email) facts.push(`*Email*\n${fitMrkdwn(merchant.email, 254).text}`);
  facts.push(`*Came in*\n${slackDate(job.sourceCreatedAt)}`);

  const head: KnownBlock[] = [
    section(headingText(job, 300)),
    fieldsSection(facts.slice(0, MAX_FIELDS)),
  ];
  const description = job.description?.trim();
  if (description) {
    const cut = '\n_(description cut — Slack can show no more of it here)_';
    const { parts } = splitMrkdwn(description, DESCRIPTION_SECTIONS, (e) => e, cut);
    for (const part of parts) head.push(section(part));
  }
  const closed = closedLines(job, now);
  if (closed.length) head.push(context(...closed));
  head.push(divider());

  const tail = tailBlocks(details);
  const older = offset > 0;
  // One block each for the history heading and the two pager buttons, used or not.
  let budget = MAX_MODAL_BLOCKS - head.length - tail.length - 3;

  const shown: KnownBlock[][] = [];
  for (const message of details.messages) {
    if (budget <= 0) break;
    const room = Math.min(budget, SECTIONS_PER_MESSAGE);
    const { blocks, complete } = messageSections(details, message, room);
    // A message cut only for lack of room here starts the next page instead, whole.
    if (!complete && room < SECTIONS_PER_MESSAGE && shown.length > 0) break;
    shown.push(blocks);
    budget -= blocks.length;
  }

  const total = details.totalMessages;
  const first = offset + 1;
  const last = offset + shown.length;
  const newer = last < total;
  const history: KnownBlock[] = [
    context(
      total === 0
        ? '*Conversation* · no messages yet'
        : shown.length === 0
          ? `*Conversation* · ${total} message${total === 1 ? '' : 's'}, none on this page`
          : `*Conversation* · messages ${first}–${last} of ${total}, oldest first`,
    ),
  ];
  if (older) {
    history.push(pager('Older', job.number, Math.max(0, offset - limit)));
  }
  for (const blocks of shown) history.push(...blocks);
  if (newer) history.push(pager('Newer', job.number, last));

  return modal({
    callbackId: VIEWS.jobDetails,
    title: `${ref} details`,
    close: 'Close',
    metadata: { job: job.number, offset },
    blocks: [...head, ...history, ...tail],
  });
}

/** Older and Newer share one action id, and Slack wants ids unique per block: one block each. */
function pager(label: 'Older' | 'Newer', jobNumber: number, offset: number): KnownBlock {
  return actions([
    button({ text: label, actionId: ACTIONS.historyPage, value: `${jobNumber}:${offset}` }),
  ]);
}

function messageSections(
  details: JobDetails,
  message: Message,
  maxSections: number,
): { blocks: KnownBlock[]; complete: boolean } {
  const author =
    message.direction === 'merchant'
      ? `*${merchantName(details.merchant)}*`
      : message.authorUserId
        ? mention(message.authorUserId)
        : '*The team*';
  const heading = `${message.direction === 'merchant' ? ':envelope:' : ':outbox_tray:'} ${author} · ${slackDate(message.sentAt)}`;
  const cut = '\n_(message cut — too long to show whole here)_';
  const { parts, complete } = splitMrkdwn(message.body, maxSections, quote, cut, heading);
  return { blocks: parts.map((part) => section(part)), complete };
}

/**
 * Escapes `text` and spreads it over at most `maxParts` section texts, cutting between words.
 * The first part starts with `heading`; the last one ends with `cut` if the text did not fit.
 */
function splitMrkdwn(
  text: string,
  maxParts: number,
  wrap: (escaped: string) => string,
  cut: string,
  heading?: string,
): { parts: string[]; complete: boolean } {
  const withHeading = (i: number, body: string) =>
    i === 0 && heading ? `${heading}\n${body}` : body;
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < maxParts; i++) {
    const lastPart = i === maxParts - 1;
    const render = (raw: string) => withHeading(i, wrap(escapeMrkdwn(raw)));
    if (render(rest).length <= MAX_SECTION_TEXT) {
      parts.push(render(rest));
      return { parts, complete: true };
    }
    const prefix = fitPrefix(rest, MAX_SECTION_TEXT, (raw) =>
      lastPart ? render(raw) + cut : render(raw),
    );
    // A single grapheme longer than a section (thousands of combining marks) cannot be split.
    if (lastPart || prefix === '') {
      parts.push(render(prefix) + cut);
      return { parts, complete: false };
    }
    parts.push(render(prefix));
    rest = rest.slice(prefix.length).replace(/^\s+/, '');
  }
  return { parts, complete: false };
}

function tailBlocks(details: JobDetails): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (details.emails?.length) blocks.push(divider(), ...emailButtons(details.emails));
  const proposals = details.proposals.slice(0, PROPOSALS_SHOWN);
  if (proposals.length) {
    const lines = proposals.map((p) =>
      p.storeChoice === 'new'
        ? proposalLine(p)
        : `:handshake: Proposal accepted: ${proposalText(p)} (existing store)`,
    );
    const more = details.proposals.length - proposals.length;
    if (more > 0) lines.push(`_and ${more} more_`);
    blocks.push(divider());
    for (const chunk of chunkLines(['*Proposals*', ...lines])) blocks.push(section(chunk));
  }
  const events = details.events.slice(-EVENTS_SHOWN);
  if (events.length) {
    const lines = events.map(eventLine);
    const earlier = details.events.length - events.length;
    const heading = earlier > 0 ? `*Activity* (latest ${events.length})` : '*Activity*';
    for (const chunk of chunkLines([heading, ...lines])) blocks.push(section(chunk));
  }
  return blocks;
}

function actorText(actor: string): string {
  if (actor === 'system') return 'the 72-hour clock';
  if (/^[UW][A-Z0-9]+$/.test(actor)) return mention(actor);
  return `the ${fitMrkdwn(actor, 40).text}`;
}

function eventLine(event: JobEvent): string {
  const what = fitMrkdwn(event.action.replace(/_/g, ' '), 60).text;
  const change =
    event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
      ? ` (${statusLabel(event.fromStatus)} → ${statusLabel(event.toStatus)})`
      : '';
  return `• ${slackDate(event.at)} · ${actorText(event.actor)}: ${what}${change}`;
}
