import type { SlackDeps } from '../../deps.ts';
import { INPUTS, PREFERENCE_FLAGS } from '../../ids.ts';
import { parseServiceLines, serviceLineOf } from '../../preferences-form.ts';
import { checkedOf, textOf } from '../../view-state.ts';
import { type SubmitArgs, submit } from './types.ts';

/** Saves the team preferences (admins only); each bad field is shown on its input. */
export function preferencesSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const flags = new Set(checkedOf(args.view, INPUTS.prefsFlags));
    const email = textOf(args.view, INPUTS.prefsEmail).trim();
    const input = {
      availableForWork: flags.has(PREFERENCE_FLAGS.availableForWork),
      shownInSearch: flags.has(PREFERENCE_FLAGS.shownInSearch),
      worksWithDropshippers: flags.has(PREFERENCE_FLAGS.worksWithDropshippers),
      notificationEmail: email || null,
      services: parseServiceLines(textOf(args.view, INPUTS.prefsServices)),
    };
    await submit(
      args,
      deps,
      INPUTS.prefsFlags.block,
      () =>
        deps.services.updatePreferences(
          { workspaceId: deps.workspaceId, userId: args.body.user.id },
          input,
        ),
      (path, message) => {
        if (path === 'notificationEmail') return [INPUTS.prefsEmail.block, message];
        const line = serviceLineOf(path);
        if (line) return [INPUTS.prefsServices.block, `Line ${line}: ${message}`];
        return [INPUTS.prefsFlags.block, message];
      },
    );
  };
}
