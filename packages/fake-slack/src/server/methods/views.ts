// views.* methods: modals (open, push, update) and the App Home (publish).

import { validateView } from '../block-kit-limits.ts';
import type { JsonObject } from '../types.ts';
import { copy, fail, failWith, type Handler, ok, str } from './result.ts';

function viewArg(args: JsonObject): JsonObject {
  return typeof args.view === 'object' && args.view !== null ? (args.view as JsonObject) : {};
}

const open: Handler = ({ views }, args) => {
  const input = viewArg(args);
  const violations = validateView(args.view, 'modal');
  if (violations.length) return failWith(violations);
  if (views.externalIdTaken(input.external_id)) return fail('duplicate_external_id');
  const trigger = views.exchangeTrigger(args.trigger_id);
  if (!trigger.ok) return fail(trigger.error);
  return ok({ view: copy(views.open(trigger.user, input)) });
};

const push: Handler = ({ views }, args) => {
  const input = viewArg(args);
  const violations = validateView(args.view, 'modal');
  if (violations.length) return failWith(violations);
  if (views.externalIdTaken(input.external_id)) return fail('duplicate_external_id');
  const trigger = views.exchangeTrigger(args.trigger_id);
  if (!trigger.ok) return fail(trigger.error);
  const view = views.push(trigger.user, input);
  return view ? ok({ view: copy(view) }) : fail('push_limit_reached');
};

const update: Handler = ({ views }, args) => {
  const existing = views.find(str(args.view_id), str(args.external_id));
  if (!existing) return fail('view_not_found');
  const hash = str(args.hash);
  if (hash && hash !== existing.hash) return fail('hash_conflict');
  const input = viewArg(args);
  const violations = validateView(args.view, existing.type);
  if (violations.length) return failWith(violations);
  if (views.externalIdTaken(input.external_id, existing.id)) return fail('duplicate_external_id');
  return ok({ view: copy(views.update(existing.id, input)) });
};

const publish: Handler = ({ ws, views }, args) => {
  const user = str(args.user_id);
  if (!user || !ws.users.has(user)) return fail('user_not_found');
  const hash = str(args.hash);
  const current = views.home(user);
  if (hash && current && hash !== current.hash) return fail('hash_conflict');
  const violations = validateView(args.view, 'home');
  if (violations.length) return failWith(violations);
  return ok({ view: copy(views.publishHome(user, viewArg(args))) });
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
