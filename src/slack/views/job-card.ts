import type { ActionsBlockElement, KnownBlock, MultiUsersSelect, Overflow } from '@slack/types';
import {
  type Ineligibility,
  isAllowed,
  type Job,
  type JobAction,
  MAX_ASSIGNEES,
  type Merchant,
} from '../../domain/index.ts';
import { ACTIONS, MORE_ACTIONS, type MoreAction } from '../ids.ts';
import { fitMrkdwn, MAX_OVERFLOW_OPTIONS, MIN_OVERFLOW_OPTIONS } from '../mrkdwn.ts';
import {
  actions,
  button,
  context,
  fieldsSection,
  option,
  plain,
  type SlackMessage,
  section,
} from './blocks.ts';
import {
  closedLines,
  factFields,
  headingText,
  isReadOnly,
  openAndReplyButtons,
  summaryText,
} from './job-facts.ts';

export interface JobCardInput {
  job: Job;
  merchant: Merchant;
  now: Date;
  /** Assignees Slack says may no longer act: the card says they get no DMs. */
  cannotAct?: Readonly<Record<string, Ineligibility>>;
}

/** Enough of the request to decide whether to open it; the thread and View conversation have all. */
export const DESCRIPTION_PREVIEW = 500;

const MORE_OPTIONS: { action: MoreAction; label: string; needs: JobAction | null }[] = [
  { action: MORE_ACTIONS.decline, label: 'Decline', needs: 'decline' },
  { action: MORE_ACTIONS.markInactive, label: 'Mark inactive', needs: 'mark_inactive' },
  { action: MORE_ACTIONS.markComplete, label: 'Mark complete', needs: 'mark_complete' },
  { action: MORE_ACTIONS.reactivate, label: 'Reactivate', needs: 'reactivate' },
  { action: MORE_ACTIONS.viewConversation, label: 'View conversation', needs: null },
];

/**
 * The user picker has no value of its own, so the job number rides in its block's id (the last
 * `:` segment). The version makes every update's id new: Slack clients keep a picker's earlier
 * selection for a block id they have seen, instead of showing the new initial users.
 */
export function cardActionsBlockId(job: Pick<Job, 'number' | 'version'>): string {
  return `${ACTIONS.assignUsers}:${job.version}:${job.number}`;
}

/** The value of a "More actions" option or its single-button stand-in: `decline:12`. */
export function moreActionValue(action: MoreAction, jobNumber: number): string {
  return `${action}:${jobNumber}`;
}

/**
 * The root message of a job's thread. It renders the job's current state only, so posting or
 * updating it late or twice is harmless; closed jobs lose the actions that no longer apply.
 */
export function jobCard({ job, merchant, now, cannotAct }: JobCardInput): SlackMessage {
  const blocks: KnownBlock[] = [
    section(headingText(job)),
    fieldsSection(factFields(job, merchant, now, cannotAct)),
  ];

  const description = job.description?.trim();
  if (description) {
    const where = isReadOnly(job, now)
      ? '*View conversation*'
      : '*View conversation* under More actions';
    const suffix = `…\n_Cut here — ${where} has the rest._`;
    blocks.push(
      section(fitMrkdwn(description, DESCRIPTION_PREVIEW + suffix.length, { suffix }).text),
    );
  }

  const closed = closedLines(job, now);
  if (closed.length) blocks.push(context(...closed));

  const elements = cardActions(job, now);
  if (elements.length) blocks.push({ ...actions(elements), block_id: cardActionsBlockId(job) });

  return { text: summaryText(job, merchant, now), blocks };
}

function cardActions(job: Job, now: Date): ActionsBlockElement[] {
  const elements = openAndReplyButtons(job, now);
  // A closed job keeps what only reads, the same on every closed card (declined or expired).
  if (isReadOnly(job, now)) return elements;
  if (isAllowed(job, 'assign', now)) {
    // The card reads the same for everyone, so it cannot say "Unassign me" to its assignee only:
    // Assign to me is there while nobody is on the job; after that the picker names who is, and
    // the answer to Assign to me (seen by that person alone) offers Unassign me.
    if (job.assignees.length === 0) {
      elements.push(
        button({ text: 'Assign to me', actionId: ACTIONS.assignSelf, value: String(job.number) }),
      );
    }
    elements.push(assigneePicker(job));
  }

  const more = MORE_OPTIONS.filter((o) => o.needs === null || isAllowed(job, o.needs, now)).slice(
    0,
    MAX_OVERFLOW_OPTIONS,
  );
  const [only] = more;
  if (more.length >= MIN_OVERFLOW_OPTIONS) {
    const overflow: Overflow = {
      type: 'overflow',
      action_id: ACTIONS.moreActions,
      options: more.map((o) => option(o.label, moreActionValue(o.action, job.number))),
    };
    elements.push(overflow);
  } else if (only) {
    // An overflow needs two options; one left becomes a plain button routed the same way.
    elements.push(
      button({
        text: only.label,
        actionId: ACTIONS.moreActions,
        value: moreActionValue(only.action, job.number),
      }),
    );
  }
  return elements;
}

function assigneePicker(job: Job): MultiUsersSelect {
  const picker: MultiUsersSelect = {
    type: 'multi_users_select',
    action_id: ACTIONS.assignUsers,
    placeholder: plain('Assign…', 150),
    max_selected_items: MAX_ASSIGNEES,
  };
  if (job.assignees.length) picker.initial_users = job.assignees.slice(0, MAX_ASSIGNEES);
  return picker;
}
