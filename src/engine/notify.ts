// The completion notification: a JSON POST to notify.webhook, retried with exponential backoff
// and jitter. It is a courtesy: a failure is logged and never fails the sync. The URL is never
// logged (it may carry a token).
import type { Logger } from '../log/logger.js';

export interface NotifyOptions {
  /** Attempts in all (default 3). */
  tries?: number;
  /** Delay before the second attempt; doubles each time, with ±50% jitter (default 1 s). */
  baseDelayMs?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** POSTs `body` as JSON to `url`; resolves to true when the receiver accepted it. */
export async function postWebhook(url: string, body: unknown, logger: Logger, options: NotifyOptions = {}): Promise<boolean> {
  const tries = options.tries ?? 3;
  const base = options.baseDelayMs ?? 1000;
  let last = '';
  for (let attempt = 1; attempt <= tries; attempt += 1) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'syncctl' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        logger.info({ attempts: attempt, status: res.status }, 'initial sync notification sent');
        return true;
      }
      last = `HTTP ${res.status}`;
      // Other 4xx answers mean the request itself is wrong: sending it again cannot help.
      if (res.status < 500 && res.status !== 429 && res.status !== 408) break;
    } catch (err) {
      last = err instanceof Error ? err.name === 'TimeoutError' ? 'timed out' : err.message : String(err);
    }
    if (attempt < tries) await sleep(base * 2 ** (attempt - 1) * (0.5 + Math.random()));
  }
  logger.warn({ error: last, tries }, 'initial sync notification failed (notify.webhook); the sync itself completed');
  return false;
}
