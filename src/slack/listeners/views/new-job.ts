import type { SlackDeps } from '../../deps.ts';
import { INPUTS } from '../../ids.ts';
import { metadataOf } from '../../payload.ts';
import { textOf } from '../../view-state.ts';
import { type SubmitArgs, submit } from './types.ts';

const BLOCK_OF_FIELD: Record<string, string> = {
  title: INPUTS.newJobTitle.block,
  merchantName: INPUTS.newJobMerchant.block,
  merchantEmail: INPUTS.newJobEmail.block,
  storeDomain: INPUTS.newJobStore.block,
  service: INPUTS.newJobService.block,
  budgetAmount: INPUTS.newJobBudget.block,
  budgetCurrency: INPUTS.newJobBudget.block,
  description: INPUTS.newJobDescription.block,
};

/** Logs a lead that came by email or phone; its card is posted like any other job's. */
export function newJobSubmitted(deps: SlackDeps) {
  return async (args: SubmitArgs) => {
    const budget = textOf(args.view, INPUTS.newJobBudget).trim();
    // "500 USD", "USD 500" or "500": the amount and the currency in either order.
    const amount = budget.match(/\d+(?:\.\d+)?/)?.[0] ?? (budget ? budget : '');
    const currency = budget.match(/[A-Za-z]{3}/)?.[0] ?? (amount ? 'USD' : '');
    await submit(
      args,
      deps,
      INPUTS.newJobTitle.block,
      () =>
        deps.services.logJobByHand(
          { workspaceId: deps.workspaceId, userId: args.body.user.id },
          {
            // Set when the modal was opened from an inquiry's Create job: the job takes it over.
            conversationId: Number(metadataOf(args.view).conversation) || undefined,
            title: textOf(args.view, INPUTS.newJobTitle),
            merchantName: textOf(args.view, INPUTS.newJobMerchant),
            merchantEmail: textOf(args.view, INPUTS.newJobEmail),
            storeDomain: textOf(args.view, INPUTS.newJobStore),
            service: textOf(args.view, INPUTS.newJobService),
            budgetAmount: amount,
            budgetCurrency: currency,
            description: textOf(args.view, INPUTS.newJobDescription),
          },
        ),
      (path, message) => [BLOCK_OF_FIELD[path] ?? INPUTS.newJobTitle.block, message],
    );
  };
}
