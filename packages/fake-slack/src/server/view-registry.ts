// Modals and App Home views as Slack tracks them per person: a stack of up to three modals, one
// published Home view, and the short-lived trigger_ids that allow opening or pushing a modal.

import { withGeneratedIds } from './block-walk.ts';
import type { JsonObject, SlackView } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Slack allows at most three modals in a stack. */
export const MAX_VIEW_STACK = 3;

interface ViewRecord {
  view: SlackView;
  owner: string;
  open: boolean;
  /** Field errors from the last `response_action: errors`, keyed by block_id. */
  errors?: Record<string, string>;
}

interface Trigger {
  user: string;
  createdAt: number;
  exchanged: boolean;
}

export type TriggerCheck = { ok: true; user: string } | { ok: false; error: string };

export class ViewRegistry {
  private readonly views = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly triggers = new Map<string, Trigger>();
  private triggerCount = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly triggerTtlMs: number,
  ) {}

  mintTrigger(user: string): string {
    this.triggerCount += 1;
    const id = `${this.triggerCount}.${this.ws.now()}.${Math.random().toString(16).slice(2, 14)}`;
    this.triggers.set(id, { user, createdAt: this.ws.now(), exchanged: false });
    return id;
  }

  /** A trigger_id works once, within the TTL (3 s at Slack). */
  exchangeTrigger(id: unknown): TriggerCheck {
    const trigger = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!trigger) return { ok: false, error: 'expired_trigger_id' };
    if (trigger.exchanged) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.ws.now() - trigger.createdAt > this.triggerTtlMs) {
      return { ok: false, error: 'expired_trigger_id' };
    }
    trigger.exchanged = true;
    return { ok: true, user: trigger.user };
  }

  private hash(): string {
    return `${Math.floor(this.ws.now() / 1000)}.${this.ws.nextId('')}`;
  }

  private build(input: JsonObject, id: string, root: string, previous: string | null): SlackView {
    const { identity } = this.ws;
    const isModal = input.type === 'modal';
    return {
      id,
      team_id: identity.teamId,
      type: isModal ? 'modal' : 'home',
      ...(isModal ? { title: input.title as JsonObject } : {}),
      close: (input.close as JsonObject | undefined) ?? null,
      submit: (input.submit as JsonObject | undefined) ?? null,
      blocks: withGeneratedIds(input.blocks, (p) => this.ws.nextId(p)),
      private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
      callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      state: { values: {} },
      hash: this.hash(),
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      root_view_id: root,
      previous_view_id: previous,
      app_id: identity.appId,
      app_installed_team_id: identity.teamId,
      bot_id: identity.botId,
    };
  }

  private register(owner: string, input: JsonObject, previous?: string): SlackView {
    const id = this.ws.nextId('V');
    const root = previous ? (this.views.get(previous)?.view.root_view_id ?? id) : id;
    const view = this.build(input, id, root, previous ?? null);
    this.views.set(id, { view, owner, open: true });
    return view;
  }

  /** An external_id must be unique among the app's open views. */
  externalIdTaken(externalId: unknown, exceptViewId?: string): boolean {
    if (typeof externalId !== 'string' || externalId === '') return false;
    for (const r of this.views.values()) {
      if (r.open && r.view.external_id === externalId && r.view.id !== exceptViewId) return true;
    }
    return false;
  }

  open(owner: string, input: JsonObject): SlackView {
    this.clear(owner);
    const view = this.register(owner, input);
    this.stacks.set(owner, [view.id]);
    return view;
  }

  /** Pushes onto the person's stack; undefined when the stack is full. */
  push(owner: string, input: JsonObject): SlackView | undefined {
    const stack = this.stacks.get(owner) ?? [];
    if (stack.length >= MAX_VIEW_STACK) return undefined;
    const view = this.register(owner, input, stack.at(-1));
    this.stacks.set(owner, [...stack, view.id]);
    return view;
  }

  find(viewId: unknown, externalId?: unknown): SlackView | undefined {
    for (const r of this.views.values()) {
      if (!r.open) continue;
      if (typeof viewId === 'string' && r.view.id === viewId) return r.view;
      if (
        typeof externalId === 'string' &&
        externalId !== '' &&
        r.view.external_id === externalId
      ) {
        return r.view;
      }
    }
    return undefined;
  }

  /** Replaces an open view's content in place: same id, new hash, errors cleared. */
  update(viewId: string, input: JsonObject): SlackView {
    const record = this.views.get(viewId);
    if (!record) throw new Error(`fake Slack: no view ${viewId}`);
    const { root_view_id, previous_view_id } = record.view;
    record.view = this.build(input, viewId, root_view_id, previous_view_id);
    record.errors = undefined;
    return record.view;
  }

  publishHome(user: string, input: JsonObject): SlackView {
    const existing = this.homes.get(user);
    if (existing) return this.update(existing, input);
    const view = this.register(user, input);
    this.homes.set(user, view.id);
    return view;
  }

  ownerOf(viewId: string): string | undefined {
    return this.views.get(viewId)?.owner;
  }

  stack(user: string): SlackView[] {
    return (this.stacks.get(user) ?? []).flatMap((id) => this.views.get(id)?.view ?? []);
  }

  top(user: string): SlackView | undefined {
    return this.stack(user).at(-1);
  }

  home(user: string): SlackView | undefined {
    const id = this.homes.get(user);
    return id ? this.views.get(id)?.view : undefined;
  }

  setErrors(viewId: string, errors: Record<string, string>): void {
    const record = this.views.get(viewId);
    if (record) record.errors = errors;
  }

  errors(viewId: string): Record<string, string> | undefined {
    return this.views.get(viewId)?.errors;
  }

  /** Closes the top modal, uncovering the previous one (Slack's answer to an empty ack). */
  closeTop(user: string): void {
    const stack = this.stacks.get(user) ?? [];
    const id = stack.pop();
    if (id) this.markClosed(id);
    this.stacks.set(user, stack);
  }

  clear(user: string): void {
    for (const id of this.stacks.get(user) ?? []) this.markClosed(id);
    this.stacks.delete(user);
  }

  private markClosed(id: string): void {
    const record = this.views.get(id);
    if (record) record.open = false;
  }

  reset(): void {
    this.views.clear();
    this.stacks.clear();
    this.homes.clear();
    this.triggers.clear();
  }
}
