import type { TeamPreferences } from '../../domain/index.ts';
import { ACTIONS } from '../ids.ts';
import { escapeMrkdwn, mention } from '../mrkdwn.ts';

const yesNo = (value: boolean) => (value ? ':white_check_mark: Yes' : ':heavy_minus_sign: No');

/** The team's preferences at a glance, with an edit button for admins. */
export function preferencesSummary({
  preferences,
  canEdit,
}: {
  preferences: TeamPreferences;
  canEdit: boolean;
}) {
  const services = preferences.services.length
    ? preferences.services
        .map(
          (s) =>
            `• ${escapeMrkdwn(s.name)}${s.price ? ` — ${s.price} ${s.currency ?? ''}`.trimEnd() : ''}`,
        )
        .join('\n')
    : '_No services listed yet._';
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Team preferences*' } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Available for work*\n${yesNo(preferences.availableForWork)}` },
        {
          type: 'mrkdwn',
          text: `*Shown in search and matching*\n${yesNo(preferences.shownInSearch)}`,
        },
        {
          type: 'mrkdwn',
          text: `*Works with dropshippers*\n${yesNo(preferences.worksWithDropshippers)}`,
        },
        {
          type: 'mrkdwn',
          text: `*Messages and job alerts to*\n${preferences.notificationEmail ? escapeMrkdwn(preferences.notificationEmail) : '_not set_'}`,
        },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*Services*\n${services}`.slice(0, 3000) } },
  ];
  if (preferences.updatedBy && preferences.updatedAt) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Last changed by ${mention(preferences.updatedBy)} on ${preferences.updatedAt.toISOString().slice(0, 10)}`,
        },
      ],
    });
  }
  blocks.push(
    canEdit
      ? {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: ACTIONS.editPreferences,
              text: { type: 'plain_text', text: 'Edit preferences' },
            },
          ],
        }
      : {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: 'Only jobdesk admins can change these.' }],
        },
  );
  return { text: 'Team preferences', blocks };
}
