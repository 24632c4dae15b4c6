import { describe, expect, it } from 'vitest';
import { router } from '../../src/slack/listeners/router.ts';

type Args = { id: string; seen: string[] };
const to =
  (name: string) =>
  async ({ seen }: Args) => {
    seen.push(name);
  };

describe('one listener routing a kind of request on its id', () => {
  const listener = router<Args>((args) => args.id, to('unrouted'))
    .on('job_open', to('open'))
    .on('job_reply', to('reply'))
    .onPrefix('details_read_email', to('read email'))
    .listener();

  it.each([
    ['job_open', 'open'],
    ['job_reply', 'reply'],
    ['details_read_email:42', 'read email'],
    ['details_read_email', 'unrouted'],
    ['job_open:1', 'unrouted'],
    ['open_in_shopify', 'unrouted'],
    ['', 'unrouted'],
  ])('%s goes to %s', async (id, expected) => {
    const seen: string[] = [];
    await listener({ id, seen });
    expect(seen).toEqual([expected]);
  });

  it('refuses two listeners for one id, so a route cannot be silently replaced', () => {
    const r = router<Args>((args) => args.id, to('unrouted')).on('a', to('a'));
    expect(() => r.on('a', to('again'))).toThrow('two listeners for a');
    r.onPrefix('p', to('p'));
    expect(() => r.onPrefix('p', to('again'))).toThrow('two listeners for p:*');
  });
});
