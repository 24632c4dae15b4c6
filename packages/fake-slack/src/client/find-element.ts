// Finding what a person would click: the newest message (or view) on a surface that shows a
// control with the given label. Failing searches list what was there, to make typos obvious.

import {
  type ElementRef,
  type EphemeralMessage,
  elementsOf,
  type FakeSlack,
  type JsonObject,
  type SlackMessage,
  type SlackView,
  textOf,
} from '../server/index.ts';

/** Where to look. Without it: every channel's messages and thread replies, and the person's ephemerals. */
export type Where =
  | { channel: string; ts?: string }
  | { dm: true }
  | { ephemeral: true; channel?: string }
  | { home: true }
  | { modal: true };

export type Surface =
  | { kind: 'message'; channel: string; message: SlackMessage }
  | { kind: 'ephemeral'; message: EphemeralMessage }
  | { kind: 'view'; view: SlackView };

export interface Found {
  surface: Surface;
  ref: ElementRef;
  /** The overflow option clicked, for overflow menus. */
  option?: JsonObject;
}

export type Label = string | RegExp;

function labelMatches(text: string, label: Label): boolean {
  return typeof label === 'string' ? text.trim() === label.trim() : label.test(text);
}

function channelMessages(slack: FakeSlack, channel: string): Surface[] {
  const reader = slack.channel(channel);
  return reader.messages().flatMap((root) => [
    { kind: 'message' as const, channel, message: root },
    ...reader
      .thread(root.ts)
      .filter((reply) => reply.subtype !== 'thread_broadcast')
      .map((reply) => ({ kind: 'message' as const, channel, message: reply })),
  ]);
}

function tsOf(s: Surface): number {
  return s.kind === 'view' ? 0 : Number(s.message.ts);
}

/** The surfaces to search, newest first. */
export function surfaces(slack: FakeSlack, user: string, where?: Where): Surface[] {
  const ephemerals = (channel?: string): Surface[] =>
    slack.ephemerals(user, channel).map((message) => ({ kind: 'ephemeral', message }));
  let list: Surface[];
  if (!where) {
    list = [...slack.channelIds().flatMap((id) => channelMessages(slack, id)), ...ephemerals()];
  } else if ('home' in where) {
    const view = slack.home(user);
    list = view ? [{ kind: 'view', view }] : [];
  } else if ('modal' in where) {
    const view = slack.openView(user);
    list = view ? [{ kind: 'view', view }] : [];
  } else if ('ephemeral' in where) {
    list = ephemerals(where.channel);
  } else if ('dm' in where) {
    const id = slack.dm(user).id;
    list = slack.channelIds().includes(id) ? channelMessages(slack, id) : [];
  } else {
    list = channelMessages(slack, where.channel);
    if (where.ts) list = list.filter((s) => s.kind === 'message' && s.message.ts === where.ts);
  }
  return list.sort((a, b) => tsOf(b) - tsOf(a));
}

function blocksOf(s: Surface): JsonObject[] | undefined {
  return s.kind === 'view' ? s.view.blocks : s.message.blocks;
}

function describe(s: Surface): string {
  if (s.kind === 'view')
    return `${s.view.type} view ${s.view.id} (${s.view.callback_id || 'no callback_id'})`;
  if (s.kind === 'ephemeral') return `ephemeral ${s.message.ts} in ${s.message.channel}`;
  return `message ${s.message.ts} in ${s.channel}`;
}

/** Labels of every control on a surface, for error messages. */
function controls(s: Surface): string[] {
  return elementsOf(blocksOf(s)).flatMap(({ block, element }) => {
    if (element.type === 'button') return [textOf(element.text)];
    if (element.type === 'overflow' && Array.isArray(element.options)) {
      return element.options.map((o) => `⋯ ${textOf((o as JsonObject).text)}`);
    }
    const name = textOf(block.label) || textOf(element.placeholder) || String(element.action_id);
    return [`${String(element.type)} "${name}"`];
  });
}

function notFound(what: string, user: string, list: Surface[]): Error {
  const seen = list
    .slice(0, 8)
    .map((s) => `  ${describe(s)}: ${controls(s).join(' | ') || '(no controls)'}`)
    .join('\n');
  return new Error(
    `No ${what} visible to ${user}.\nSeen (newest first):\n${seen || '  (nothing)'}`,
  );
}

/** Searches newest first; the first surface with a match must have exactly one. */
function findFirst(
  list: Surface[],
  what: string,
  user: string,
  match: (ref: ElementRef) => Omit<Found, 'surface' | 'ref'> | undefined,
): Found {
  for (const surface of list) {
    const hits = elementsOf(blocksOf(surface)).flatMap((ref) => {
      const hit = match(ref);
      return hit ? [{ surface, ref, ...hit }] : [];
    });
    if (hits.length > 1)
      throw new Error(`${hits.length} controls match ${what} in ${describe(surface)}`);
    if (hits[0]) return hits[0];
  }
  throw notFound(what, user, list);
}

/** A button, or an option of an overflow menu, with this label. */
export function findClickable(list: Surface[], label: Label, user: string): Found {
  return findFirst(
    list,
    `button or overflow option labelled ${String(label)}`,
    user,
    ({ element }) => {
      if (element.type === 'button')
        return labelMatches(textOf(element.text), label) ? {} : undefined;
      if (element.type !== 'overflow' || !Array.isArray(element.options)) return undefined;
      const option = (element.options as JsonObject[]).find((o) =>
        labelMatches(textOf(o.text), label),
      );
      return option ? { option } : undefined;
    },
  );
}

/** A select, picker or input named by action_id, placeholder, input label or section text. */
export function findControl(list: Surface[], target: Label, user: string): Found {
  return findFirst(list, `control named ${String(target)}`, user, ({ block, element }) => {
    if (element.type === 'button' || element.type === 'overflow') return undefined;
    const names = [
      String(element.action_id),
      textOf(element.placeholder),
      block.type === 'input' ? textOf(block.label) : '',
      block.type === 'section' ? textOf(block.text) : '',
    ];
    return names.some((n) => n !== '' && labelMatches(n, target)) ? {} : undefined;
  });
}
