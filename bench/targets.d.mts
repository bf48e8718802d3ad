// Types of bench/targets.mjs, for the tests in test/bench/.

export interface TargetResult {
  target: string;
  measured: string | null;
  status: 'met' | 'missed' | 'not measured';
  reason?: string;
}

/** Every target of issue 7 checked against a run's results (as in latest.json's `scenarios`). */
export declare function evaluateTargets(results: Record<string, unknown>, quick: boolean): TargetResult[];
