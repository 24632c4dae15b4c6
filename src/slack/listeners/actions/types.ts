import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';

/** The arguments of a block action listener for one kind of element. */
export type ActionArgs<A extends BlockElementAction = BlockElementAction> =
  SlackActionMiddlewareArgs<BlockAction<A>> & AllMiddlewareArgs;

/** The value an element sent: a button's value or an overflow's selected option. */
export function elementValue(action: BlockElementAction): string | undefined {
  if ('value' in action && typeof action.value === 'string') return action.value;
  if ('selected_option' in action && action.selected_option) {
    return (action.selected_option as { value: string }).value;
  }
  return undefined;
}
