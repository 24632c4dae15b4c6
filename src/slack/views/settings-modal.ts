import type { ModalView } from '@slack/types';
import type { NotificationSettings } from '../../domain/index.ts';
import { INPUTS, NOTIFY_KINDS, VIEWS } from '../ids.ts';
import { option, section } from './blocks.ts';
import { checkboxes, input, modal } from './modal-parts.ts';

const KINDS: { key: keyof NotificationSettings; label: string }[] = [
  { key: 'onAssignment', label: 'When someone assigns me to a job' },
  { key: 'onMessage', label: 'When the merchant writes on one of my jobs' },
  { key: 'onStatusChange', label: 'When one of my jobs changes status' },
  { key: 'onDeadline', label: 'Before one of my jobs expires' },
];

/** A member's own DM settings: one checkbox per kind of DM, ticked when it is on. */
export function settingsModal({ settings }: { settings: NotificationSettings }): ModalView {
  const options = KINDS.map(({ key, label }) => option(label, NOTIFY_KINDS[key]));
  return modal({
    callbackId: VIEWS.settings,
    title: 'My jobdesk DMs',
    submit: 'Save',
    blocks: [
      section('jobdesk sends you a DM about the jobs you are assigned to. Choose which ones.'),
      input(INPUTS.notifyKinds, {
        label: 'Send me a DM',
        // All unticked is a valid choice: no DMs at all.
        optional: true,
        element: checkboxes(INPUTS.notifyKinds, options, (o) =>
          KINDS.some(({ key }) => NOTIFY_KINDS[key] === o.value && settings[key]),
        ),
      }),
    ],
  });
}

/** The settings a submitted set of ticked values stands for. */
export function settingsFrom(ticked: string[]): NotificationSettings {
  const on = new Set(ticked);
  return {
    onAssignment: on.has(NOTIFY_KINDS.onAssignment),
    onMessage: on.has(NOTIFY_KINDS.onMessage),
    onStatusChange: on.has(NOTIFY_KINDS.onStatusChange),
    onDeadline: on.has(NOTIFY_KINDS.onDeadline),
  };
}
