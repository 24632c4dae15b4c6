/**
 * Real time, for what the database keeps on delivery's behalf (outbox rows: when due, leased,
 * done, dead). The business clock (deadlines, what cards say) is the services' `now`; the two
 * never meet in one column or one comparison, and neither is the database's own `now()`.
 */
export type WallClock = () => Date;

export const realTime: WallClock = () => new Date();
