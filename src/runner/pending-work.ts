// The work waiting for one sync, coalesced: a burst of poll triggers is one poll, pushes for the
// same object merge their ids, and the initial sync always goes first.
import type { ChangeTrigger } from './incremental-adapter.js';

/** One unit of work of a sync's queue. */
export type SyncTask = { kind: 'initial' } | { kind: 'pass'; trigger: ChangeTrigger };

/** At most this many ids go into one push pass; the rest wait for the next one. */
export const MAX_PUSH_IDS = 1000;

type Side = 'hub' | 'app';

/** Coalescing set of a sync's pending tasks. */
export class PendingWork {
  private initial = false;
  private poll = false;
  private retry = false;
  private readonly pushes = new Map<string, { side: Side; object: string; ids: Set<string> }>();

  /** Adds a task; a task of a kind already waiting merges into it. */
  add(task: SyncTask): void {
    if (task.kind === 'initial') {
      this.initial = true;
      return;
    }
    const trigger = task.trigger;
    switch (trigger.kind) {
      case 'poll':
        this.poll = true;
        return;
      case 'retry-failing':
        this.retry = true;
        return;
      case 'push': {
        const key = `${trigger.side}\u0000${trigger.object}`;
        const entry = this.pushes.get(key) ?? { side: trigger.side, object: trigger.object, ids: new Set<string>() };
        for (const id of trigger.ids) entry.ids.add(id);
        this.pushes.set(key, entry);
        return;
      }
      default:
        return assertNever(trigger);
    }
  }

  /** Takes the next task: initial sync, then pushes (they are cheap and someone waits), poll, retry. */
  next(): SyncTask | undefined {
    if (this.initial) {
      this.initial = false;
      return { kind: 'initial' };
    }
    const first = this.pushes.entries().next();
    if (!first.done) {
      const [key, entry] = first.value;
      const ids = [...entry.ids].slice(0, MAX_PUSH_IDS);
      if (ids.length === entry.ids.size) this.pushes.delete(key);
      else for (const id of ids) entry.ids.delete(id);
      return { kind: 'pass', trigger: { kind: 'push', side: entry.side, object: entry.object, ids } };
    }
    if (this.poll) {
      this.poll = false;
      return { kind: 'pass', trigger: { kind: 'poll' } };
    }
    if (this.retry) {
      this.retry = false;
      return { kind: 'pass', trigger: { kind: 'retry-failing' } };
    }
    return undefined;
  }

  /** True when nothing waits. */
  get empty(): boolean {
    return !this.initial && !this.poll && !this.retry && this.pushes.size === 0;
  }

  /** Drops everything that waits (the runner is stopping). */
  clear(): void {
    this.initial = false;
    this.poll = false;
    this.retry = false;
    this.pushes.clear();
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected trigger ${JSON.stringify(value)}`);
}
