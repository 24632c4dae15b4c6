/**
 * Slack's clock is the ack (3 seconds, or it shows the person an error); what a listener does
 * after it is not on that clock. In one Node process both share the event loop, so when many
 * people click at once the work after the early acks (queries, Block Kit, Slack calls) would
 * delay the later acks. Listeners registered through an AckFirstLane ack as usual, then wait:
 * first for the requests already read to be acked (one turn of the event loop), then for one of
 * a few slots, so a burst is acked at the pace of a bare Bolt app and worked off right after.
 */
export class AckFirstLane {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  /** How many listeners may be past their ack at once. */
  constructor(readonly slots: number) {}

  /** Wraps a listener: its `ack()` resolves once it may go on; the slot frees when it ends. */
  wrap<A extends { ack: (...response: never[]) => Promise<void> }>(
    listener: (args: A) => Promise<void>,
  ): (args: A) => Promise<void> {
    return async (args) => {
      let release: (() => void) | undefined;
      const ack = (async (...response: never[]) => {
        await args.ack(...response);
        release = await this.#enter();
      }) as A['ack'];
      try {
        await listener({ ...args, ack });
      } finally {
        release?.();
      }
    };
  }

  /** Wraps a listener Bolt has acked for already (Events API): it starts when it may go on. */
  queue<A>(listener: (args: A) => Promise<void>): (args: A) => Promise<void> {
    return async (args) => {
      const release = await this.#enter();
      try {
        await listener(args);
      } finally {
        release();
      }
    };
  }

  async #enter(): Promise<() => void> {
    // setImmediate runs after the event loop has handled the I/O already waiting: the other
    // requests of the burst get to their ack before this one's work starts.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#active < this.slots) this.#active += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The slot passes straight to the next listener waiting, or frees.
      if (next) next();
      else this.#active -= 1;
    };
  }
}
