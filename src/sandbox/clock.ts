// The sandbox's business clock: the real (or a test's) clock plus however far the person at the
// page jumped ahead. jobdesk runs on it (deadlines, expiry, cards), and so do the sandbox's
// message timestamps, so the page reads like the future it jumped to. It moves forward, or back
// to real time ("Back to now"), which undoes nothing that happened meanwhile.

export class SandboxClock {
  constructor(
    private readonly base: () => Date,
    private offsetMs = 0,
  ) {}

  readonly now = (): Date => new Date(this.base().getTime() + this.offsetMs);

  get offset(): number {
    return this.offsetMs;
  }

  /** Real time again: the jumps are dropped; whatever happened in the jumped-to time stays. */
  backToNow(): Date {
    this.offsetMs = 0;
    return this.now();
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms <= 0)
      throw new RangeError('the sandbox clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }
}
