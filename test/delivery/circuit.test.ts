import { describe, expect, it } from 'vitest';
import { Circuit, type CircuitOptions } from '../../src/delivery/circuit.ts';

function circuit(options: CircuitOptions = {}) {
  const clock = { now: 0 };
  return {
    clock,
    c: new Circuit({ threshold: 3, baseMs: 1000, maxMs: 4000, now: () => clock.now, ...options }),
  };
}

describe('Circuit (a delivery target that is down)', () => {
  it('stays closed through isolated failures', () => {
    const { c } = circuit();
    expect(c.failed()).toBe(false);
    expect(c.failed()).toBe(false);
    c.succeeded();
    expect(c.failed()).toBe(false);
    expect(c.state).toBe('closed');
    expect(c.allowance(20)).toBe(20);
  });

  it('opens after `threshold` failures in a row, then lets one probe through after a cool-down', () => {
    const { clock, c } = circuit();
    c.failed();
    c.failed();
    expect(c.failed()).toBe(true);
    expect(c.state).toBe('open');
    expect(c.allowance(20)).toBe(0);
    expect(c.reopensAt()).toBe(1000);
    clock.now = 1000;
    expect(c.allowance(20)).toBe(1);
    expect(c.state).toBe('probing');
    expect(c.allowance(20)).toBe(0);
  });

  it('closes when the probe gets through', () => {
    const { clock, c } = circuit();
    for (let i = 0; i < 3; i++) c.failed();
    clock.now = 1000;
    c.allowance(20);
    c.succeeded();
    expect(c.state).toBe('closed');
    expect(c.allowance(20)).toBe(20);
  });

  it('doubles the cool-down after each failed probe, up to the maximum', () => {
    const { clock, c } = circuit();
    for (let i = 0; i < 3; i++) c.failed();
    const coolDowns: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.now = c.reopensAt() ?? clock.now;
      expect(c.allowance(20)).toBe(1);
      c.failed();
      coolDowns.push((c.reopensAt() ?? 0) - clock.now);
    }
    expect(coolDowns).toEqual([2000, 4000, 4000, 4000]);
  });

  it('probes again when the probe found nothing to deliver', () => {
    const { clock, c } = circuit();
    for (let i = 0; i < 3; i++) c.failed();
    clock.now = 1000;
    expect(c.allowance(20)).toBe(1);
    c.endProbe();
    expect(c.allowance(20)).toBe(1);
  });

  it('ends a probe when the row carrying it ends without an answer, and only that row', () => {
    const { clock, c } = circuit();
    for (let i = 0; i < 3; i++) c.failed();
    clock.now = 1000;
    expect(c.allowance(20)).toBe(1);
    c.probeCarriedBy(7);
    c.endProbe(8);
    expect(c.state).toBe('probing');
    expect(c.allowance(20)).toBe(0);
    c.endProbe(7);
    expect(c.state).toBe('open');
    expect(c.allowance(20)).toBe(1);
  });

  it('lets a probe nobody ended lapse, and says when', () => {
    const { clock, c } = circuit({ probeTtlMs: 5000 });
    for (let i = 0; i < 3; i++) c.failed();
    clock.now = 1000;
    expect(c.allowance(20)).toBe(1);
    c.probeCarriedBy(7);
    expect(c.reopensAt()).toBe(6000);
    clock.now = 5999;
    expect(c.allowance(20)).toBe(0);
    clock.now = 6000;
    expect(c.state).toBe('open');
    expect(c.allowance(20)).toBe(1);
  });
});
