import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, type Job } from '../../../src/domain/index.ts';
import {
  HOME_PAGE_SIZE,
  HOME_SECTIONS,
  type Home,
  type HomeList,
  type HomeSection,
} from '../../../src/services/home.ts';
import { ACTIONS, VIEWS } from '../../../src/slack/ids.ts';
import {
  appHomeView,
  HOME_LISTS,
  MAX_HOME_BLOCKS,
  noticeModal,
} from '../../../src/slack/views/app-home.ts';
import {
  allText,
  blockKitProblems,
  expectNoLiveMarkup,
  HOSTILE,
  interactive,
  jobIn,
  makeJob,
  modalProblems,
  NOW,
} from './support.ts';

const ME = 'U0ALICE';
const HOUR = 60 * 60 * 1000;

const empty = (): HomeList => ({ jobs: [], total: 0, offset: 0 });

function home(overrides: Partial<Home> = {}, lists: Partial<Record<HomeSection, HomeList>> = {}) {
  return {
    userId: ME,
    isAdmin: false,
    preferences: { ...DEFAULT_PREFERENCES, updatedBy: null, updatedAt: null },
    pageSize: HOME_PAGE_SIZE,
    dueBefore: new Date(NOW.getTime() + 24 * HOUR),
    lists: {
      needsAction: empty(),
      mine: empty(),
      unassigned: empty(),
      dueSoon: empty(),
      ...lists,
    },
    ...overrides,
  } satisfies Home;
}

type Block = Record<string, unknown> & { type: string };
const blocksOf = (view: { blocks: unknown[] }) => view.blocks as Block[];

/** The texts of one list: from its title section to the divider after it. */
function listText(view: { blocks: unknown[] }, name: HomeSection): string {
  const blocks = blocksOf(view);
  const start = blocks.findIndex((b) => allText(b).includes(`*${HOME_LISTS[name].title}*`));
  expect(start, `list ${name}`).toBeGreaterThanOrEqual(0);
  const end = blocks.findIndex((b, i) => i > start && b.type === 'divider');
  return allText(blocks.slice(start, end));
}

function buttons(view: { blocks: unknown[] }) {
  return interactive(view as { blocks: Record<string, unknown>[] }).map((e) => ({
    label: (e.text as { text: string }).text,
    actionId: e.action_id,
    value: e.value,
  }));
}

function jobs(count: number, make: (i: number) => Job = (i) => makeJob({ number: i + 1 })) {
  return Array.from({ length: count }, (_, i) => make(i));
}

describe('appHomeView', () => {
  it('for a member with no jobs: every list says it is empty, preferences without Edit', () => {
    const view = appHomeView({ home: home(), now: NOW });
    expect(view.type).toBe('home');
    expect(view.callback_id).toBe(VIEWS.home);
    for (const name of HOME_SECTIONS) {
      expect(listText(view, name)).toContain(HOME_LISTS[name].empty);
    }
    const text = allText(view);
    expect(text).toContain(`Hi <@${ME}>`);
    expect(text).toContain('*Team preferences*');
    expect(text).toContain('Only jobdesk admins can change these.');
    expect(buttons(view)).toEqual([]);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      needsAction: 0,
      mine: 0,
      unassigned: 0,
      dueSoon: 0,
    });
    expect(modalProblems({ ...view, type: 'modal', title: { text: 'Home' } })).toEqual([]);
  });

  it('gives admins the Edit preferences button', () => {
    const view = appHomeView({ home: home({ isAdmin: true }), now: NOW });
    expect(buttons(view)).toEqual([
      expect.objectContaining({ label: 'Edit preferences', actionId: ACTIONS.editPreferences }),
    ]);
  });

  it('lists each job on its own line with an Open button, counts in the titles', () => {
    const waiting = jobIn('awaiting_response', { number: 3, assignees: [ME] });
    const fresh = makeJob({ number: 4, title: 'Fix my checkout', assignees: [ME] });
    const answered = jobIn('responded', { number: 5, title: 'Blog migration', assignees: [ME] });
    const nobodys = makeJob({ number: 6, title: 'New theme' });
    const view = appHomeView({
      home: home(
        {},
        {
          needsAction: { jobs: [waiting, fresh], total: 2, offset: 0 },
          mine: { jobs: [answered], total: 1, offset: 0 },
          unassigned: { jobs: [nobodys], total: 1, offset: 0 },
          dueSoon: { jobs: [fresh, nobodys], total: 2, offset: 0 },
        },
      ),
      now: NOW,
    });
    const needs = listText(view, 'needsAction');
    expect(needs).toContain('*Needs your action* (2)');
    expect(needs.indexOf('*J-3*')).toBeLessThan(needs.indexOf('*J-4*'));
    expect(needs).toContain(':hourglass_flowing_sand: *J-3*');
    expect(listText(view, 'mine')).toContain('*J-5* Blog migration');
    expect(listText(view, 'unassigned')).toContain('*J-6* New theme · _unassigned_');
    expect(listText(view, 'dueSoon')).toMatch(
      /\*J-4\* Fix my checkout · <@U0ALICE> · answer by <!date\^/,
    );
    const opens = buttons(view).filter((b) => b.actionId === ACTIONS.openJob);
    expect(opens.map((b) => b.label)).toEqual([
      'Open J-3',
      'Open J-4',
      'Open J-5',
      'Open J-6',
      'Open J-4',
      'Open J-6',
    ]);
    expect(opens.map((b) => b.value)).toEqual(['3', '4', '5', '6', '4', '6']);
    expect(allText(view)).not.toContain('Showing');
    expect(blockKitProblems(view, 'modal')).toEqual([]);
  });

  it('offers no Open on a job whose deadline passed before the sweep got to it', () => {
    const late = makeJob({ number: 8, expiresAt: new Date(NOW.getTime() - HOUR) });
    const view = appHomeView({
      home: home({}, { unassigned: { jobs: [late], total: 1, offset: 0 } }),
      now: NOW,
    });
    expect(listText(view, 'unassigned')).toContain(':alarm_clock: *J-8*');
    expect(buttons(view)).toEqual([]);
  });

  it('pages a long list: next on the first page, both in the middle, previous on the last', () => {
    const page = (offset: number, count = HOME_PAGE_SIZE): HomeList => ({
      jobs: jobs(count, (i) => makeJob({ number: offset + i + 1 })),
      total: 995,
      offset,
    });
    const paging = (list: HomeList) =>
      buttons(appHomeView({ home: home({}, { unassigned: list }), now: NOW })).filter(
        (b) => b.actionId !== ACTIONS.openJob,
      );

    expect(paging(page(0))).toEqual([
      {
        label: 'Next 10 unassigned jobs ›',
        actionId: ACTIONS.homePageNext,
        value: 'unassigned:10',
      },
    ]);
    expect(paging(page(500))).toEqual([
      {
        label: '‹ Previous 10 unassigned jobs',
        actionId: ACTIONS.homePagePrevious,
        value: 'unassigned:490',
      },
      {
        label: 'Next 10 unassigned jobs ›',
        actionId: ACTIONS.homePageNext,
        value: 'unassigned:510',
      },
    ]);
    expect(paging(page(980))).toEqual([
      {
        label: '‹ Previous 10 unassigned jobs',
        actionId: ACTIONS.homePagePrevious,
        value: 'unassigned:970',
      },
      {
        label: 'Next 5 unassigned jobs ›',
        actionId: ACTIONS.homePageNext,
        value: 'unassigned:990',
      },
    ]);
    expect(paging(page(990, 5))).toEqual([
      {
        label: '‹ Previous 10 unassigned jobs',
        actionId: ACTIONS.homePagePrevious,
        value: 'unassigned:980',
      },
    ]);
    const last = appHomeView({ home: home({}, { unassigned: page(990, 5) }), now: NOW });
    expect(listText(last, 'unassigned')).toContain('Showing 991–995 of 995');
    expect(JSON.parse(last.private_metadata ?? '').unassigned).toBe(990);
  });

  it('stays within Home’s limits with a thousand jobs in every list, whatever they say', () => {
    const assignees = Array.from({ length: 60 }, (_, i) => `U0${String(i).padStart(4, '0')}`);
    const title = `${HOSTILE} ${'👨‍👩‍👧‍👦'.repeat(150)} שלום עולם ${'x'.repeat(300)}`;
    const thousand = jobs(1000, (i) =>
      makeJob({ number: 10_000 + i, title, assignees, status: i % 2 ? 'opened' : 'new' }),
    );
    const lists = Object.fromEntries(
      HOME_SECTIONS.map((name) => [name, { jobs: thousand, total: 1000, offset: 500 }]),
    ) as Record<HomeSection, HomeList>;
    const services = Array.from({ length: 30 }, (_, i) => ({
      name: `${HOSTILE} ${i} ${'ü'.repeat(60)}`.slice(0, 100),
      price: '99999.99',
      currency: 'USD',
    }));
    const view = appHomeView({
      home: home(
        {
          isAdmin: true,
          preferences: {
            ...DEFAULT_PREFERENCES,
            notificationEmail: 'team+<!channel>@agency.example',
            services,
            updatedBy: 'U0ADMIN',
            updatedAt: NOW,
          },
        },
        lists,
      ),
      now: NOW,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    expect(blockKitProblems(view, 'modal')).toEqual([]);
    expectNoLiveMarkup(view);
    // Each list shows one page, and the preferences still fit after four full lists.
    const opens = buttons(view).filter((b) => b.actionId === ACTIONS.openJob);
    expect(opens).toHaveLength(4 * HOME_PAGE_SIZE);
    expect(allText(view)).toContain('*Team preferences*');
    expect(buttons(view).map((b) => b.label)).toContain('Edit preferences');
    for (const name of HOME_SECTIONS) {
      expect(listText(view, name)).toContain('Showing 501–510 of 1000');
    }
  });
});

describe('noticeModal', () => {
  it('is a modal with only a close button', () => {
    const view = noticeModal('Team preferences', ':warning: Only jobdesk admins can do that.');
    expect(view.callback_id).toBe(VIEWS.notice);
    expect(view.submit).toBeUndefined();
    expect(view.close?.text).toBe('OK');
    expect(allText(view)).toContain('Only jobdesk admins can do that.');
    expect(modalProblems(view as never)).toEqual([]);
  });
});
