// Runs one job at a time; requests that arrive meanwhile are merged into the next run, so a
// burst of file events is one reconcile, never a pile of them.
export class CoalescingQueue<K extends string> {
  private wanted = new Set<K>();
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly job: (kinds: ReadonlySet<K>) => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Asks for a run of `kind`; merged with any request still waiting. */
  request(kind: K): void {
    if (this.closed) return;
    this.wanted.add(kind);
    this.kick();
  }

  /** Resolves when nothing runs or waits. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** True when nothing runs or waits. */
  get isIdle(): boolean {
    return this.running === undefined && this.wanted.size === 0;
  }

  /** Takes no more requests; what runs finishes. */
  close(): void {
    this.closed = true;
    this.wanted.clear();
  }

  private kick(): void {
    if (this.running || this.wanted.size === 0) return;
    const kinds = this.wanted;
    this.wanted = new Set();
    this.running = this.job(kinds)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running = undefined;
        if (!this.closed) this.kick();
      });
  }
}
