// Live progress on a terminal: one line per object, rewritten in place as pages complete.
// On anything but a TTY it draws nothing (logs carry the phase events there).
import type { ProgressEvent } from './progress.js';

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface TtyProgress {
  onProgress: (e: ProgressEvent) => void;
  /** Stops drawing (the lines stay); safe to call more than once. */
  done(): void;
}

/** Redraws at most this often, so that fast phases do not flood the terminal. */
const MIN_REDRAW_MS = 100;

function line(e: ProgressEvent, width: number): string {
  const c = e.counts;
  const created = c.created.hub + c.created.app;
  const updated = c.updated.hub + c.updated.app;
  const excluded = Object.values(c.excluded).reduce((a, b) => a + b, 0);
  const failing = Object.values(c.failing).reduce((a: number, b) => a + (b ?? 0), 0);
  const text = `${e.dryRun ? '[dry run] ' : ''}${e.sync} ${e.object}: ${e.phase}${e.done ? ' done' : ''} ${e.processed.toLocaleString('en-US')} records (${e.rate.toLocaleString('en-US')}/s) · linked ${c.linked} · created ${created} · updated ${updated} · excluded ${excluded} · failing ${failing}`;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** A progress renderer for `stream`; a no-op when it is not a TTY. */
export function createTtyProgress(stream: Stream): TtyProgress {
  if (!stream.isTTY) return { onProgress: () => undefined, done: () => undefined };
  const lines = new Map<string, string>();
  let drawn = 0;
  let last = 0;
  let finished = false;
  const draw = (): void => {
    const width = Math.max(40, (stream.columns ?? 100) - 1);
    let out = drawn > 0 ? `\u001b[${drawn}F` : '';
    for (const l of lines.values()) out += `\u001b[2K${l.slice(0, width)}\n`;
    stream.write(out);
    drawn = lines.size;
  };
  return {
    onProgress(e) {
      if (finished) return;
      const key = `${e.sync}\u0000${e.object}`;
      const isNew = !lines.has(key);
      lines.set(key, line(e, Math.max(40, (stream.columns ?? 100) - 1)));
      const now = Date.now();
      if (isNew || e.done || now - last >= MIN_REDRAW_MS) {
        last = now;
        draw();
      }
    },
    done() {
      if (finished) return;
      finished = true;
      if (lines.size > 0) draw();
    },
  };
}
