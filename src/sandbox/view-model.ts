// What the page shows one person: their panes (the jobs channel, their DM with the app, the App
// Home), an open thread, their top modal, rendered to HTML from what the fake Slack holds. The
// page asks again whenever the stream says something changed.

import type { FakeSlack } from '@jobdesk/fake-slack';
import type { MerchantDraft, MerchantMemory } from './merchant.ts';
import { findPerson, PEOPLE, type Person, SANDBOX_TEAM } from './people.ts';
import type { SurfaceContext } from './render/surfaces.ts';
import { renderHome, renderMessage, renderModal, renderTimeline } from './render/surfaces.ts';

export interface ViewRequest {
  /** Who looks; unset: the first person of the sandbox (a first visit). */
  as?: string | undefined;
  /** A channel id, 'dm' (the person's Messages tab with the app) or 'home'. */
  pane: string;
  thread?: string | undefined;
  timeZone: string;
  locale?: string | undefined;
  /** Show only ephemerals newer than this ts (`now`: the newest so far); unset: all. */
  ephemeralsAfter?: string | undefined;
}

export interface PageState {
  version: number;
  workspace: { name: string; teamId: string };
  appName: string;
  /** The app's Messages tab takes no messages (its manifest says so): no composer there. */
  messagesTabReadOnly: boolean;
  /** Where this page's ephemerals start: the page sends it back with every later read. */
  ephemeralsAfter: string;
  clock: { now: string; offsetMs: number };
  me: PersonView;
  people: PersonView[];
  channels: { id: string; name: string; messages: number }[];
  dm: { id: string; messages: number };
  pane: {
    id: string;
    kind: 'channel' | 'dm' | 'home';
    title: string;
    html: string;
    channel?: string;
  };
  thread: { channel: string; ts: string; html: string } | null;
  modal: { id: string; key: string; html: string; depth: number } | null;
  merchant: MerchantView;
}

export interface PersonView {
  id: string;
  name: string;
  /** The Slack handle (`leo`): what @ suggestions match besides the name. */
  handle: string;
  role: Person['role'];
  about: string;
}

export interface MerchantView {
  draft: MerchantDraft;
  conversations: {
    id: string;
    label: string;
    jobId?: string | undefined;
    jobRef?: string | undefined;
    declined: boolean;
  }[];
}

export interface ViewModelDeps {
  slack: FakeSlack;
  jobsChannel: string;
  appName: string;
  now: () => Date;
  clockOffsetMs: number;
  version: number;
  messagesTabReadOnly?: boolean;
  merchant: { memory: MerchantMemory; draft: MerchantDraft };
}

const personView = (p: Person): PersonView => ({
  id: p.id,
  name: p.real_name,
  handle: p.name,
  role: p.role,
  about: p.about,
});

function merchantView(memory: MerchantMemory, draft: MerchantDraft): MerchantView {
  return {
    draft,
    conversations: memory.conversations.map((c) => {
      const merchant = memory.merchants.find((m) => m.id === c.merchantId);
      const what = c.jobRef ?? (c.jobId ? 'job' : 'inquiry');
      return {
        id: c.id,
        label: `${what} · ${c.title ?? 'conversation'} — ${merchant?.name ?? 'merchant'}`,
        jobId: c.jobId,
        jobRef: c.jobRef,
        declined: c.declined === true,
      };
    }),
  };
}

/** Whether Slack ts `a` is later than `b`, exactly (as numbers they would lose microseconds). */
function tsAfter(a: string, b: string): boolean {
  const [as = '0', au = '0'] = a.split('.');
  const [bs = '0', bu = '0'] = b.split('.');
  return Number(as) !== Number(bs) ? Number(as) > Number(bs) : Number(au) > Number(bu);
}

export function pageState(deps: ViewModelDeps, request: ViewRequest): PageState {
  const { slack } = deps;
  const after =
    request.ephemeralsAfter === 'now' ? slack.latestTs() : (request.ephemeralsAfter ?? '0.000000');
  // Like the Slack client, a page shows only the ephemerals that arrived while it was open.
  const ephemeralsOf = (user: string, channel: string) =>
    slack.ephemerals(user, channel).filter((e) => tsAfter(e.ts, after));
  const me = (request.as ? findPerson(request.as) : undefined) ?? (PEOPLE[0] as Person);
  const conversations = [
    { id: deps.jobsChannel, name: slack.channelName(deps.jobsChannel) ?? 'jobs' },
  ];
  const ctx: SurfaceContext = {
    timeZone: request.timeZone,
    locale: request.locale,
    now: deps.now(),
    me: me.id,
    userName: (id) =>
      id === slack.botUserId
        ? deps.appName
        : (findPerson(id)?.real_name ?? slack.user(id)?.real_name),
    channelName: (id) => slack.channelName(id),
    people: PEOPLE.map((p) => ({ id: p.id, name: p.real_name })),
    conversations,
    botUserId: slack.botUserId,
    appName: deps.appName,
  };
  const dm = slack.dm(me.id);
  const channels = conversations.map((c) => ({
    ...c,
    messages: slack.channel(c.id).messages().length,
  }));

  let pane: PageState['pane'];
  let paneChannel: string | undefined;
  if (request.pane === 'home') {
    pane = {
      id: 'home',
      kind: 'home',
      title: deps.appName,
      html: renderHome(slack.home(me.id), ctx),
    };
  } else if (request.pane === 'dm') {
    paneChannel = dm.id;
    const ephemerals = ephemeralsOf(me.id, dm.id).filter((e) => !e.thread_ts);
    pane = {
      id: 'dm',
      kind: 'dm',
      title: deps.appName,
      channel: dm.id,
      html: renderTimeline(dm.messages(), ephemerals, ctx),
    };
  } else {
    const id = conversations.some((c) => c.id === request.pane) ? request.pane : deps.jobsChannel;
    paneChannel = id;
    const ephemerals = ephemeralsOf(me.id, id).filter((e) => !e.thread_ts);
    pane = {
      id,
      kind: 'channel',
      title: slack.channelName(id) ?? id,
      channel: id,
      html: renderTimeline(slack.channel(id).messages(), ephemerals, ctx),
    };
  }

  let thread: PageState['thread'] = null;
  if (request.thread && paneChannel) {
    const reader = paneChannel === dm.id ? dm : slack.channel(paneChannel);
    const root = reader.message(request.thread);
    if (root) {
      const replies = reader.thread(root.ts).filter((m) => m.subtype !== 'thread_broadcast');
      const ephemerals = ephemeralsOf(me.id, paneChannel).filter((e) => e.thread_ts === root.ts);
      thread = {
        channel: paneChannel,
        ts: root.ts,
        html: `<div class="thread-root">${renderMessage(root, ctx, { inThread: true })}</div><div class="thread-count">${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}</div>${renderTimeline(replies, ephemerals, ctx, { inThread: true })}`,
      };
    }
  }

  const stack = slack.viewStack(me.id);
  const top = stack.at(-1);
  let modal: PageState['modal'] = null;
  if (top) {
    const errors = slack.viewErrors(me.id);
    modal = {
      id: top.id,
      key: `${top.id}:${top.hash}:${JSON.stringify(errors ?? {})}`,
      depth: stack.length,
      html: renderModal(top, { ...ctx, errors }, { depth: stack.length }),
    };
  }

  return {
    version: deps.version,
    workspace: { name: SANDBOX_TEAM.name, teamId: slack.teamId },
    appName: deps.appName,
    messagesTabReadOnly: deps.messagesTabReadOnly ?? false,
    ephemeralsAfter: after,
    clock: { now: deps.now().toISOString(), offsetMs: deps.clockOffsetMs },
    me: personView(me),
    people: PEOPLE.map(personView),
    channels,
    dm: { id: dm.id, messages: dm.messages().length },
    pane,
    thread,
    modal,
    merchant: merchantView(deps.merchant.memory, deps.merchant.draft),
  };
}
