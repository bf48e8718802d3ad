import { describe, expect, it } from 'vitest';
import { SyncctlError } from '../../../src/errors/syncctl-error.js';
import { backoffMs, isRetryable, withRetry } from '../../../src/engine/incremental/retry.js';

const policy = { attempts: 5, baseMs: 100, maxMs: 1_000 };

describe('retry backoff', () => {
  it('grows exponentially with jitter inside [step/2, step], capped', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      const delays = Array.from({ length: 200 }, () => backoffMs(policy, attempt));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(step / 2);
      expect(Math.max(...delays)).toBeLessThanOrEqual(step);
      // Jitter: the delays are spread, not one value.
      expect(new Set(delays.map((d) => Math.round(d))).size).toBeGreaterThan(10);
    }
  });

  it('waits at least what Retry-After asks', () => {
    for (let i = 0; i < 50; i++) expect(backoffMs(policy, 1, 750)).toBeGreaterThanOrEqual(750);
  });

  it('retries transient failures, never refused credentials', async () => {
    expect(isRetryable(new SyncctlError('rate_limited', '429'))).toBe(true);
    expect(isRetryable(new SyncctlError('app_unavailable', '503'))).toBe(true);
    expect(isRetryable(new SyncctlError('auth_failed', '401', { meta: { retryable: true } }))).toBe(false);
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new SyncctlError('rate_limited', 'slow down', { meta: { retryAfterMs: 20 } });
        return 'done';
      },
      { attempts: 5, baseMs: 1, maxMs: 10 },
      (_err, _attempt, delay) => delays.push(delay),
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(delays.every((d) => d >= 20)).toBe(true);
    let authCalls = 0;
    await expect(
      withRetry(async () => {
        authCalls += 1;
        throw new SyncctlError('auth_failed', 'token refused');
      }, policy),
    ).rejects.toThrow('token refused');
    expect(authCalls).toBe(1);
  });
});
