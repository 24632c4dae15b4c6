// Who is in the sandbox workspace: enough people to see permissions at work. Ids follow Slack's
// shape (jobdesk only renders `<@U…>` mentions for ids that look like Slack's).

import type { ChannelInit, UserInit } from '@jobdesk/fake-slack';

export const SANDBOX_TEAM = { id: 'T0SANDBOX', domain: 'jobdesk-sandbox', name: 'Acme Agency' };
export const PARTNER_TEAM = { id: 'T0PARTNER', name: 'Partner Studio' };
export const SANDBOX_BOT = {
  userId: 'U0JOBDESK',
  botId: 'B0JOBDESK',
  appId: 'A0JOBDESK',
  token: 'xoxb-sandbox-not-a-real-token',
};
export const DEFAULT_JOBS_CHANNEL = 'C0JOBS';

export type Role = 'admin' | 'member' | 'guest' | 'external';

export interface Person extends UserInit {
  id: string;
  name: string;
  real_name: string;
  role: Role;
  /** What the person switcher says about them. */
  about: string;
}

export const PEOPLE: readonly Person[] = [
  {
    id: 'U0MAYA',
    name: 'maya',
    real_name: 'Maya Chen',
    role: 'admin',
    about: 'admin',
    is_admin: true,
    email: 'maya@acme-agency.test',
  },
  {
    id: 'U0LEO',
    name: 'leo',
    real_name: 'Leo Martins',
    role: 'member',
    about: 'member',
    email: 'leo@acme-agency.test',
  },
  {
    id: 'U0NOOR',
    name: 'noor',
    real_name: 'Noor Haddad',
    role: 'member',
    about: 'member',
    email: 'noor@acme-agency.test',
  },
  {
    id: 'U0GUS',
    name: 'gus',
    real_name: 'Gus Ortega',
    role: 'guest',
    about: 'guest (is_restricted)',
    is_restricted: true,
    email: 'gus@freelance.test',
  },
  {
    id: 'U0PRIYA',
    name: 'priya',
    real_name: 'Priya Shah',
    role: 'external',
    about: `Slack Connect, ${PARTNER_TEAM.name}`,
    team_id: PARTNER_TEAM.id,
    email: 'priya@partner-studio.test',
  },
];

/** The admins jobdesk starts with, like JOBDESK_ADMINS. */
export const SANDBOX_ADMINS = PEOPLE.filter((p) => p.role === 'admin').map((p) => p.id);

export function jobsChannelInit(id: string): ChannelInit {
  return { id, name: 'jobs' };
}

export function findPerson(id: string): Person | undefined {
  return PEOPLE.find((p) => p.id === id);
}
