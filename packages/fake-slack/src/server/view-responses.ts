// What Slack does with the app's answer (ack body) to a view_submission: close the modal, show
// field errors, update it, push another, or clear the stack. A bad answer leaves the modal open
// and Slack shows the person a generic error; here it comes back as a list of problems.

import { formatViolation, validateView } from './block-kit-limits.ts';
import type { JsonObject } from './types.ts';
import type { ViewRegistry } from './view-registry.ts';

function inputBlockIds(blocks: JsonObject[]): Set<string> {
  return new Set(
    blocks
      .filter((b) => b.type === 'input' && typeof b.block_id === 'string')
      .map((b) => String(b.block_id)),
  );
}

/** Returns the problems Slack would have with the answer; [] when it was applied. */
export function applyViewSubmissionResponse(
  views: ViewRegistry,
  user: string,
  viewId: string,
  answer: JsonObject | undefined,
): string[] {
  const action = answer?.response_action;
  if (answer === undefined || action === undefined) {
    if (views.top(user)?.id === viewId) views.closeTop(user);
    return [];
  }
  const view = views.find(viewId);
  if (!view) return [`view ${viewId} is no longer open`];
  switch (action) {
    case 'errors': {
      const errors = (answer.errors ?? {}) as Record<string, string>;
      const inputs = inputBlockIds(view.blocks);
      const unknown = Object.keys(errors).filter((id) => !inputs.has(id));
      if (unknown.length) {
        return unknown.map(
          (id) => `errors refer to "${id}", which is not an input block of the view`,
        );
      }
      views.setErrors(viewId, errors);
      return [];
    }
    case 'update': {
      const violations = validateView(answer.view, 'modal');
      if (violations.length) return violations.map(formatViolation);
      views.update(viewId, answer.view as JsonObject);
      return [];
    }
    case 'push': {
      const violations = validateView(answer.view, 'modal');
      if (violations.length) return violations.map(formatViolation);
      return views.push(user, answer.view as JsonObject) ? [] : ['push_limit_reached'];
    }
    case 'clear':
      views.clear(user);
      return [];
    default:
      return [`unknown response_action "${String(action)}"`];
  }
}
