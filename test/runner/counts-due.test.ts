// How often a worker recounts its index after passes: every 2 s while counting is cheap, and
// less often as a count costs more (a count holds the event loop, pushes included).
import { describe, expect, it } from 'vitest';
import { countsDue } from '../../src/runner/worker-records.js';

describe('countsDue', () => {
  it('given cheap counts, then they are due again 2 s after the last one', () => {
    expect(countsDue(1999, 3)).toBe(false);
    expect(countsDue(2000, 3)).toBe(true);
  });

  it('given a count that took 1.5 s (millions of records), then the next waits 45 s, keeping counting near 3% of the time', () => {
    expect(countsDue(2000, 1500)).toBe(false);
    expect(countsDue(44_999, 1500)).toBe(false);
    expect(countsDue(45_000, 1500)).toBe(true);
  });
});
