import type { BlockContext } from '../../src/sandbox/render/blocks.ts';
import type { SurfaceContext } from '../../src/sandbox/render/surfaces.ts';

export const NOW = new Date('2026-11-27T12:00:00Z');

const PEOPLE: Record<string, string> = {
  U0ADA: 'Ada Admin',
  U0BEN: 'Ben Member',
  U0BOT: 'jobdesk',
};

export function renderContext(
  overrides: Partial<SurfaceContext> = {},
): SurfaceContext & BlockContext {
  return {
    timeZone: 'Europe/Stockholm',
    locale: 'en-GB',
    now: NOW,
    me: 'U0ADA',
    userName: (id) => PEOPLE[id],
    channelName: (id) => (id === 'C0JOBS' ? 'jobs' : undefined),
    people: [
      { id: 'U0ADA', name: 'Ada Admin' },
      { id: 'U0BEN', name: 'Ben Member' },
    ],
    conversations: [{ id: 'C0JOBS', name: 'jobs' }],
    botUserId: 'U0BOT',
    appName: 'jobdesk',
    ...overrides,
  };
}
