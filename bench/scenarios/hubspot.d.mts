// Types of bench/scenarios/hubspot.mjs, for the tests in test/bench/.

/** The share of a rolling window's budget (default 190 per 10 s) that `accepted` requests in `seconds` used. */
export declare function budgetShare(accepted: number, seconds: number, window?: { max: number; intervalMs: number }): number;

declare const scenario: {
  name: string;
  title: string;
  summary: string;
};
export default scenario;
