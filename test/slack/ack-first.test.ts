import { describe, expect, it } from 'vitest';
import { AckFirstLane } from '../../src/slack/ack-first.ts';

/** A listener like jobdesk's: acks, then works until `finish` is called. */
function listener(log: string[], running: { now: number; most: number }) {
  const finishers: (() => void)[] = [];
  const run = async ({ ack, name }: { ack: () => Promise<void>; name: string }) => {
    await ack();
    running.now += 1;
    running.most = Math.max(running.most, running.now);
    log.push(`work ${name}`);
    await new Promise<void>((resolve) => finishers.push(resolve));
    running.now -= 1;
    if (name === 'boom') throw new Error('listener failed');
  };
  const finishAll = () => {
    for (const finish of finishers.splice(0)) finish();
  };
  return { run, finishAll };
}

describe('AckFirstLane', () => {
  it('acks every request of a burst before any of them starts its work', async () => {
    const lane = new AckFirstLane(2);
    const log: string[] = [];
    const { run, finishAll } = listener(log, { now: 0, most: 0 });
    const wrapped = lane.wrap(run);
    const names = ['a', 'b', 'c'];
    const done = names.map((name) =>
      wrapped({
        name,
        ack: async () => {
          log.push(`ack ${name}`);
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.slice(0, 3)).toEqual(['ack a', 'ack b', 'ack c']);
    for (let i = 0; i < 3; i++) {
      finishAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(done);
    expect(log.filter((l) => l.startsWith('work'))).toEqual(['work a', 'work b', 'work c']);
  });

  it('starts work past the ack only when giveWay says the waiting requests are answered', async () => {
    let answered: () => void = () => {};
    const giveWay = () => new Promise<void>((resolve) => (answered = resolve));
    const lane = new AckFirstLane(2, { giveWay });
    const log: string[] = [];
    const { run, finishAll } = listener(log, { now: 0, most: 0 });
    const done = lane.wrap(run)({ name: 'a', ack: async () => void log.push('ack a') });
    const urgent = lane.wrap(run, { urgent: () => true })({
      name: 'modal',
      ack: async () => void log.push('ack modal'),
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A modal's trigger does not wait; the ordinary click waits for the burst's answers.
    expect(log).toEqual(['ack a', 'ack modal', 'work modal']);
    answered();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toContain('work a');
    finishAll();
    await Promise.all([done, urgent]);
  });

  it('lets only `slots` listeners work at once, and frees a slot when one throws', async () => {
    const lane = new AckFirstLane(2);
    const running = { now: 0, most: 0 };
    const { run, finishAll } = listener([], running);
    const wrapped = lane.wrap(run);
    const names = ['boom', 'b', 'c', 'd', 'e'];
    const done = names.map((name) =>
      wrapped({ name, ack: async () => {} }).then(
        () => 'ok',
        (error: Error) => error.message,
      ),
    );
    for (let round = 0; round < 4; round++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(running.now).toBeLessThanOrEqual(2);
      finishAll();
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    finishAll();
    expect(await Promise.all(done)).toEqual(['listener failed', 'ok', 'ok', 'ok', 'ok']);
    expect(running.most).toBe(2);
  });

  it('runs a listener Bolt acked for already once a slot is free', async () => {
    const lane = new AckFirstLane(1);
    const order: string[] = [];
    let release = () => {};
    const first = lane.queue(async () => {
      order.push('first');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    })(undefined);
    const second = lane.queue(async () => {
      order.push('second');
    })(undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual(['first']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });
  it('starts work bound to a trigger at once behind a full lane, and before the others waiting', async () => {
    const lane = new AckFirstLane(2, { reserved: 1 });
    const log: string[] = [];
    const { run, finishAll } = listener(log, { now: 0, most: 0 });
    const ordinary = lane.wrap(run);
    const modal = lane.wrap(run, { urgent: () => true });
    const ack = async () => {};
    const done = ['a', 'b', 'c', 'd'].map((name) => ordinary({ name, ack }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(['work a', 'work b']);
    // The lane is full and two wait; a modal's work takes the reserved slot at once.
    done.push(modal({ name: 'modal 1', ack }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(['work a', 'work b', 'work modal 1']);
    // With the reserved slot taken, the next modal waits, but ahead of c and d.
    done.push(modal({ name: 'modal 2', ack }));
    for (let round = 0; round < 5; round++) {
      finishAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(done);
    expect(log.indexOf('work modal 2')).toBeLessThan(log.indexOf('work c'));
    expect(log.slice(3).sort()).toEqual(['work c', 'work d', 'work modal 2']);
  });
});
