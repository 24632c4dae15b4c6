/**
 * Rung after every committed transaction. Made before the store that rings it, so whatever
 * must hear about commits (the outbox worker, woken to deliver at once) subscribes once it
 * exists: nothing is patched in later.
 */
export class CommitSignal {
  private readonly listeners: Array<() => void> = [];

  /** For the store's `onCommit`. */
  readonly ring = (): void => {
    for (const listener of this.listeners) listener();
  };

  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }
}
