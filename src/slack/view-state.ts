/** Reads the inputs of a submitted modal by the ids of src/slack/ids.ts. */

export interface InputId {
  block: string;
  action: string;
}

interface StateValue {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_users?: string[];
}

type ViewState = { state: { values: Record<string, Record<string, StateValue>> } };

function input(view: ViewState, id: InputId): StateValue | undefined {
  return view.state.values[id.block]?.[id.action];
}

export function textOf(view: ViewState, id: InputId): string {
  return input(view, id)?.value ?? '';
}

export function selectedOf(view: ViewState, id: InputId): string | undefined {
  return input(view, id)?.selected_option?.value ?? undefined;
}

export function checkedOf(view: ViewState, id: InputId): string[] {
  return (input(view, id)?.selected_options ?? []).map((o) => o.value);
}
