import type { HomeView, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { formatJobRef, isAllowed, type Job } from '../../domain/index.ts';
import { HOME_SECTIONS, type Home, type HomeList, type HomeSection } from '../../services/index.ts';
import { ACTIONS, JOBS_COMMAND, VIEWS } from '../ids.ts';
import { MAX_MODAL_BLOCKS, mention, slackDate } from '../mrkdwn.ts';
import { actions, button, context, divider, plain, section } from './blocks.ts';
import { jobLine } from './job-list.ts';
import { modal } from './modal-parts.ts';
import { preferencesSummary } from './preferences-summary.ts';

/** Slack's limit for a Home view; the same as a modal's. */
export const MAX_HOME_BLOCKS = MAX_MODAL_BLOCKS;

interface ListText {
  title: string;
  /** What the list holds, under its title. */
  about: string;
  empty: string;
  /** Completes "Next 10 …" on the paging buttons, so each button says which list it pages. */
  noun: string;
}

export const HOME_LISTS: Record<HomeSection, ListText> = {
  needsAction: {
    title: 'Needs your action',
    about:
      'Your jobs where the merchant waits for the team: their messages first, then the soonest deadline.',
    empty: 'Nothing waits on you. :tada:',
    noun: 'jobs needing you',
  },
  mine: {
    title: 'Your other open jobs',
    about: 'Answered or parked: the next move is the merchant’s.',
    empty: 'No other open jobs are assigned to you.',
    noun: 'of your jobs',
  },
  unassigned: {
    title: 'Jobs nobody has taken',
    about:
      'Open jobs with nobody assigned, read or not: take one from its card with *Assign to me*.',
    empty: 'Every open job has someone on it.',
    noun: 'unassigned jobs',
  },
  dueSoon: {
    title: 'Due within 24 hours',
    about: 'The team’s unanswered jobs that expire unless someone replies in time.',
    empty: 'No job runs out of time in the next 24 hours.',
    noun: 'jobs due soon',
  },
};

export interface AppHomeInput {
  home: Home;
  now: Date;
}

/**
 * One person's App Home: their jobs that need action, their other open jobs, new jobs nobody
 * took, the team's jobs about to expire, and the team preferences (editable by admins). Each
 * list shows one page with buttons to the others, so any number of jobs stays within 100 blocks:
 * at most 2 + 4 × (page size + 4) + 5 + 1 = 64 with pages of 10.
 */
export function appHomeView({ home, now }: AppHomeInput): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Your jobs', 150) },
    context(
      `Hi ${mention(home.userId)}, here is what needs you. Updated ${slackDate(now, '{date_short_pretty} at {time}')}.`,
    ),
  ];
  for (const name of HOME_SECTIONS) {
    blocks.push(...listBlocks(name, home.lists[name], home.pageSize, now), divider());
  }
  const prefs = preferencesSummary({ preferences: home.preferences, canEdit: home.isAdmin });
  blocks.push(...(prefs.blocks as KnownBlock[]));
  blocks.push(
    context(
      `\`${JOBS_COMMAND}\` lists what needs you anywhere in Slack; \`${JOBS_COMMAND} help\` shows every command.`,
    ),
  );
  // Offsets let a paging button keep the other lists where the person left them.
  const pages = Object.fromEntries(HOME_SECTIONS.map((name) => [name, home.lists[name].offset]));
  return {
    type: 'home',
    callback_id: VIEWS.home,
    private_metadata: JSON.stringify(pages),
    blocks: blocks.slice(0, MAX_HOME_BLOCKS),
  };
}

function listBlocks(name: HomeSection, list: HomeList, size: number, now: Date): KnownBlock[] {
  const text = HOME_LISTS[name];
  const count = list.total ? ` (${list.total})` : '';
  const blocks: KnownBlock[] = [section(`*${text.title}*${count}\n${text.about}`)];
  if (list.jobs.length === 0) {
    blocks.push(context(text.empty));
    return blocks;
  }
  const shown = list.jobs.slice(0, size);
  for (const job of shown) blocks.push(jobSection(job, now));
  if (list.total > shown.length) blocks.push(...pagingBlocks(name, list, shown.length, size));
  return blocks;
}

/** The job's one-line summary, as `/jobs` lists show it, with Open beside it. */
function jobSection(job: Job, now: Date): SectionBlock {
  const block = section(jobLine(job, now));
  if (isAllowed(job, 'open', now)) {
    block.accessory = button({
      text: `Open ${formatJobRef(job.number)}`,
      actionId: ACTIONS.openJob,
      value: String(job.number),
    });
  }
  return block;
}

function pagingBlocks(
  name: HomeSection,
  list: HomeList,
  shown: number,
  size: number,
): KnownBlock[] {
  const { noun } = HOME_LISTS[name];
  const first = list.offset + 1;
  const last = list.offset + shown;
  const buttons = [];
  if (list.offset > 0) {
    buttons.push(
      button({
        text: `‹ Previous ${size} ${noun}`,
        actionId: ACTIONS.homePagePrevious,
        value: `${name}:${Math.max(0, list.offset - size)}`,
      }),
    );
  }
  const after = list.total - (list.offset + size);
  if (after > 0) {
    buttons.push(
      button({
        text: `Next ${Math.min(size, after)} ${noun} ›`,
        actionId: ACTIONS.homePageNext,
        value: `${name}:${list.offset + size}`,
      }),
    );
  }
  const blocks: KnownBlock[] = [context(`Showing ${first}–${last} of ${list.total}`)];
  if (buttons.length) blocks.push(actions(buttons));
  return blocks;
}

/**
 * A short answer in a modal, for clicks on App Home: a Home view has no response_url, so an
 * ephemeral message cannot answer there. `text` is mrkdwn written by us (escape anything typed).
 */
export function noticeModal(title: string, text: string): ModalView {
  return modal({ callbackId: VIEWS.notice, title, close: 'OK', blocks: [section(text)] });
}
