// The pace every replica shares, on a real database with a moved wall clock: slots go only to
// sends about to happen, rows whose turn is further off get bookings one interval apart, a
// pause moves the bookings with it, and a late send moves the one after it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPacer } from '../../src/db/channel-pace.ts';
import { workspaces } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
const clock = { ms: Date.parse('2026-12-01T10:00:00Z') };
const T0 = clock.ms;
const at = (ms: number) => {
  clock.ms = T0 + ms;
};
let workspace = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Two replicas' pacers on one database and one workspace (a fresh one per test). */
async function replicas(burst = 1) {
  const id = `T${++workspace}`;
  await database.db.insert(workspaces).values({ id });
  at(0);
  const make = () =>
    sharedPacer(database.db, id, {
      perSecond: 1,
      burst,
      wallClock: () => new Date(clock.ms),
    });
  return [make(), make()] as const;
}

describe('the pace shared by replicas', () => {
  it('gives one channel one schedule across replicas: a burst, then bookings a second apart', async () => {
    const [a, b] = await replicas(2);
    expect(await a.take('channel:C1', 'r1', 1000)).toBe(0);
    expect(await b.take('channel:C1', 'r2', 1000)).toBe(0); // the burst of 2
    expect(await a.take('channel:C1', 'r3', 1000)).toBe(1000); // inline: its slot
    // Further off: bookings, one interval apart, whichever replica asks.
    expect(await b.take('channel:C1', 'r4', 1000)).toBe(2000);
    expect(await a.take('channel:C1', 'r5', 1000)).toBe(3000);
    expect(await b.take('channel:C2', 'r6', 1000)).toBe(0); // another channel, its own pace
  });

  it('lets a booked row take its slot when it comes back, on any replica', async () => {
    const [a, b] = await replicas();
    await a.take('channel:C1', 'r1', 1000);
    await a.take('channel:C1', 'r2', 1000); // inline, at 1000
    expect(await a.take('channel:C1', 'r3', 1000)).toBe(2000); // booked
    at(500);
    expect(await b.take('channel:C1', 'r3', 1000)).toBe(1500); // still early: the same booking
    at(1000);
    expect(await b.take('channel:C1', 'r3', 1000)).toBe(1000); // its turn: the real slot
    // A newcomer queues after it, not in its place.
    expect(await a.take('channel:C1', 'r4', 1000)).toBe(2000);
  });

  it('does not let a newcomer take the slot of a row booked ahead of it', async () => {
    const [a, b] = await replicas();
    await a.take('channel:C1', 'r1', 1000);
    await a.take('channel:C1', 'r2', 1000);
    expect(await a.take('channel:C1', 'r3', 1000)).toBe(2000);
    at(1500); // r2 went at 1000; r3's slot (2000) is within a newcomer's inline wait
    expect(await b.take('channel:C1', 'new', 1000)).toBeGreaterThan(1000);
    expect(await a.take('channel:C1', 'r3', 1000)).toBe(500);
  });

  it("pauses the channel for every replica on Slack's Retry-After, bookings and all", async () => {
    const [a, b] = await replicas();
    await a.take('channel:C1', 'r1', 1000);
    expect(await a.take('channel:C1', 'r2', 0)).toBe(1000); // booked at 1000
    await b.pause('channel:C1', 5000);
    expect(await a.pausedFor('channel:C1')).toBe(5000);
    expect(await b.backlogMs('channel:C1')).toBe(5000);
    expect(await b.take('channel:C1', 'r2', 0)).toBe(6000); // its booking moved by the pause
    at(1000);
    // A second 429 inside the same pause adds nothing (two rows met the same limit).
    await a.pause('channel:C1', 2000);
    expect(await b.pausedFor('channel:C1')).toBe(4000);
    expect(await a.take('channel:C1', 'r2', 0)).toBe(5000);
    at(5000);
    expect(await a.take('channel:C1', 'r2', 1000)).toBe(0); // the pause is over: r2 goes first
  });

  it('spaces a send after one that went late', async () => {
    const [a, b] = await replicas();
    await a.take('channel:C1', 'r1', 1000);
    at(300); // r1's send went 300 ms after its slot (a busy event loop)
    expect(await a.sending?.('channel:C1')).toBe(0);
    at(1000);
    expect(await b.take('channel:C1', 'r2', 1000)).toBe(0); // its slot…
    expect(await b.sending?.('channel:C1')).toBe(300); // …but it goes a second after r1 went
  });

  it("counts a send from Slack's answer, so a slow round trip cannot bring two arrivals close", async () => {
    const [a, b] = await replicas();
    expect(await a.take('channel:C1', 'r1', 1000)).toBe(0);
    expect(await a.sending?.('channel:C1')).toBe(0);
    at(250); // Slack answered r1 after 250 ms: it may have arrived any time before
    await a.sent?.('channel:C1');
    at(1000);
    expect(await b.take('channel:C1', 'r2', 1000)).toBe(250);
  });
});
