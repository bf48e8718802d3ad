// Progress of an initial sync: an event per page for whoever listens (the TTY renderer), and
// one pino event per finished phase.
import type { Logger } from '../log/logger.js';
import type { Phase } from './record-index.js';
import type { ObjectCounts } from './report.js';

/** Phases as progress reports them: the three of PRODUCT.md, plus the crash-recovery rescans. */
export type ProgressPhase = Exclude<Phase, 'done'> | 'resolve-intents';

export interface ProgressEvent {
  sync: string;
  object: string;
  phase: ProgressPhase;
  /** Records handled in this phase so far (by this process). */
  processed: number;
  /** Records per second in this phase so far. */
  rate: number;
  /** Outcome counts of the object so far. */
  counts: ObjectCounts;
  /** The phase has finished. */
  done: boolean;
  dryRun: boolean;
}

/** Tracks one phase of one object and emits its events. */
export class PhaseProgress {
  private processed = 0;
  private readonly started = process.hrtime.bigint();

  constructor(
    private readonly base: { sync: string; object: string; phase: ProgressPhase; dryRun: boolean },
    private readonly counts: ObjectCounts,
    private readonly logger: Logger,
    private readonly listener: ((e: ProgressEvent) => void) | undefined,
  ) {}

  private event(done: boolean): ProgressEvent {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const rate = seconds > 0 ? Math.round(this.processed / seconds) : 0;
    return { ...this.base, processed: this.processed, rate, counts: this.counts, done };
  }

  /** `n` more records handled. */
  advance(n: number): void {
    this.processed += n;
    if (this.listener) this.listener(this.event(false));
  }

  /** The phase has finished: tells the listener and logs it. */
  finish(): void {
    const e = this.event(true);
    if (this.listener) this.listener(e);
    this.logger.info(
      { sync: e.sync, object: e.object, phase: e.phase, processed: e.processed, rate: e.rate, counts: e.counts, dryRun: e.dryRun },
      `initial sync phase ${e.phase} finished`,
    );
  }
}
