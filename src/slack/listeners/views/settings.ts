import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { checkedOf } from '../../view-state.ts';
import { settingsFrom } from '../../views/settings-modal.ts';
import { type SubmitArgs, submit } from './types.ts';

/** Saves which DMs a member wants. */
export function settingsSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const settings = settingsFrom(checkedOf(args.view, INPUTS.notifyKinds));
    await submit(args, deps, INPUTS.notifyKinds.block, () =>
      deps.services.setNotifications(
        { workspaceId: deps.workspaceId, userId: args.body.user.id },
        settings,
      ),
    );
  };
}
