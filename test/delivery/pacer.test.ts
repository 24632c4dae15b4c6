import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/delivery/pacer.ts';

function pacer(perSecond = 1, burst = 3) {
  const clock = { now: 0 };
  return { clock, pacer: new Pacer({ perSecond, burst, now: () => clock.now }) };
}

describe('Pacer (per-channel token bucket)', () => {
  it('lets a burst through at once, then one send per interval', () => {
    const { pacer: p } = pacer(1, 3);
    const waits = Array.from({ length: 6 }, (_, i) => p.take('channel:C1', `r${i}`, 0));
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('paces each channel on its own', () => {
    const { pacer: p } = pacer(1, 1);
    expect(p.take('channel:C1', 'a', 0)).toBe(0);
    expect(p.take('channel:C2', 'b', 0)).toBe(0);
    expect(p.take('channel:C1', 'c', 0)).toBe(1000);
  });

  it('refills with time, never above the burst', () => {
    const { clock, pacer: p } = pacer(1, 2);
    p.take('k', 'a', 0);
    p.take('k', 'b', 0);
    clock.now = 60_000;
    expect([p.take('k', 'c', 0), p.take('k', 'd', 0), p.take('k', 'e', 0)]).toEqual([0, 0, 1000]);
  });

  it('keeps a slot for a holder that comes back, instead of queueing it again', () => {
    const { clock, pacer: p } = pacer(1, 1);
    expect(p.take('k', 'first', 0)).toBe(0);
    expect(p.take('k', 'row-2', 100)).toBe(1000); // too long to wait inline: held
    expect(p.take('k', 'row-3', 100)).toBe(2000);
    clock.now = 1000;
    expect(p.take('k', 'row-2', 100)).toBe(0); // its own slot, not a new one at 3000
    clock.now = 2000;
    expect(p.take('k', 'row-3', 100)).toBe(0);
    expect(p.take('k', 'row-4', 100)).toBe(1000);
  });

  it('a held slot taken inline is used up', () => {
    const { pacer: p } = pacer(1, 1);
    p.take('k', 'a', 0);
    expect(p.take('k', 'b', 1000)).toBe(1000); // within the inline limit: the caller waits and sends
    expect(p.take('k', 'b', 1000)).toBe(2000); // b sends again later: a new slot
  });

  it("pauses a key for Slack's Retry-After, without a burst right after", () => {
    const { clock, pacer: p } = pacer(1, 3);
    p.take('k', 'a', 0);
    p.pause('k', 5000);
    expect(p.pausedFor('k')).toBe(5000);
    expect(p.backlogMs('k')).toBe(5000);
    expect(p.take('k', 'b', 0)).toBe(5000);
    expect(p.take('k', 'c', 0)).toBe(6000);
    clock.now = 5000;
    expect(p.pausedFor('k')).toBe(0);
  });

  it('voids slots held before a pause: their holders queue after it', () => {
    const { clock, pacer: p } = pacer(1, 1);
    p.take('k', 'a', 0);
    expect(p.take('k', 'held', 0)).toBe(1000);
    p.pause('k', 3000);
    clock.now = 1000;
    expect(p.take('k', 'held', 0)).toBe(2000);
  });

  it('moves the slots after a holder that comes back late, so sends stay an interval apart', () => {
    const { clock, pacer: p } = pacer(1, 1);
    p.take('k', 'first', 0);
    expect(p.take('k', 'row-2', 0)).toBe(1000);
    expect(p.take('k', 'row-3', 0)).toBe(2000);
    clock.now = 1900; // row-2 is picked up 900 ms after its slot, and sends at once
    expect(p.take('k', 'row-2', 0)).toBe(0);
    // row-3's slot was 2000: it now waits until 2900, a full interval after row-2's send.
    expect(p.take('k', 'row-3', 100)).toBe(1000);
    clock.now = 2900;
    expect(p.take('k', 'row-3', 0)).toBe(0);
    expect(p.take('k', 'row-4', 0)).toBe(1000); // new slots queue after the moved ones
  });
});
