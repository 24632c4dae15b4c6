/**
 * Slack's clock is the ack (3 seconds, or it shows the person an error); what a listener does
 * after it is not on that clock. In one Node process both share the event loop, so when many
 * people click at once the work after the early acks (queries, Block Kit, Slack calls) would
 * delay the later acks. Listeners registered through an AckFirstLane ack as usual, then wait:
 * first for the requests already read to be answered (`giveWay`: at least one turn of the event
 * loop; in the app, until the server has no request waiting for its answer — UnansweredRequests),
 * then for one of a few slots, so a burst is acked at the pace of a bare Bolt app and worked off
 * right after.
 */
export class AckFirstLane {
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  /** Work bound to a trigger (views.open within 3 s of the click): served before the rest. */
  readonly #urgent: (() => void)[] = [];

  /**
   * How many listeners may be past their ack at once; `reserved` more slots only for work bound
   * to a trigger, so a modal opens within its 3 seconds even behind a burst of other clicks.
   */
  readonly reserved: number;
  readonly #giveWay: () => Promise<void>;

  constructor(
    readonly slots: number,
    options: { reserved?: number; giveWay?: () => Promise<void> } = {},
  ) {
    this.reserved = options.reserved ?? 2;
    this.#giveWay = options.giveWay ?? nextTurn;
  }

  /**
   * Wraps a listener: its `ack()` resolves once it may go on; the slot frees when it ends. With
   * `urgent` (the listener may open a modal for this request), it goes before the others.
   */
  wrap<A extends { ack: (...response: never[]) => Promise<void> }>(
    listener: (args: A) => Promise<void>,
    options: { urgent?: (args: A) => boolean } = {},
  ): (args: A) => Promise<void> {
    return async (args) => {
      let release: (() => void) | undefined;
      const urgent = options.urgent?.(args) ?? false;
      const ack = (async (...response: never[]) => {
        await args.ack(...response);
        release = await this.#enter(urgent);
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

  async #enter(urgent = false): Promise<() => void> {
    // The other requests of the burst get to their ack before this one's work starts.
    // Trigger-bound work does not wait for that: its 3 seconds started at the click.
    if (!urgent) await this.#giveWay();
    const limit = urgent ? this.slots + this.reserved : this.slots;
    if (this.#active < limit) this.#active += 1;
    else
      await new Promise<void>((resolve) => (urgent ? this.#urgent : this.#waiting).push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next listener waiting, trigger-bound work first; an
      // ordinary listener takes it only while the ordinary slots are not overdrawn.
      const next =
        this.#urgent.shift() ?? (this.#active <= this.slots ? this.#waiting.shift() : undefined);
      if (next) next();
      else this.#active -= 1;
    };
  }
}

/** setImmediate runs after the event loop has handled the I/O already waiting. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
