import type { WebClient } from '@slack/web-api';
import { describe, expect, it, vi } from 'vitest';
import { PERSON_TTL_MS, PeopleDirectory } from '../../src/slack/people.ts';

function fakeClient(user: Record<string, unknown>) {
  const info = vi.fn(async () => ({ ok: true, user }));
  return { client: { users: { info } } as unknown as WebClient, info };
}

describe('PeopleDirectory', () => {
  it('reads guests, bots and deactivated accounts from users.info', async () => {
    const directory = new PeopleDirectory();
    const { client } = fakeClient({
      id: 'U1',
      team_id: 'T1',
      is_ultra_restricted: true,
      deleted: true,
    });
    expect(await directory.lookup(client, 'U1')).toEqual({
      userId: 'U1',
      teamId: 'T1',
      isBot: false,
      deleted: true,
      guest: true,
    });
  });

  it('asks Slack once per person until the entry expires, and once for simultaneous clicks', async () => {
    let now = 0;
    const directory = new PeopleDirectory(() => now);
    const { client, info } = fakeClient({ id: 'U1', team_id: 'T1' });
    await Promise.all([directory.lookup(client, 'U1'), directory.lookup(client, 'U1')]);
    await directory.lookup(client, 'U1');
    expect(info).toHaveBeenCalledTimes(1);
    now = PERSON_TTL_MS + 1;
    await directory.lookup(client, 'U1');
    expect(info).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failed lookup', async () => {
    const directory = new PeopleDirectory();
    const info = vi
      .fn()
      .mockRejectedValueOnce(new Error('slack down'))
      .mockResolvedValueOnce({ ok: true, user: { id: 'U1', team_id: 'T1' } });
    const client = { users: { info } } as unknown as WebClient;
    await expect(directory.lookup(client, 'U1')).rejects.toThrow('slack down');
    await expect(directory.lookup(client, 'U1')).resolves.toMatchObject({ userId: 'U1' });
  });
});
