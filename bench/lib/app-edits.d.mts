// Types of bench/lib/app-edits.mjs, for the tests in test/bench/.

export type Side = 'hub' | 'app';
/** A linked contact pair: [hub id, app id]. */
export type Pair = readonly [string, string];

export interface Edit {
  side: Side;
  pair: Pair;
  value: string;
}

export declare const EDIT_TARGETS: Record<Side, { connection: string; table: string; column: string }>;

export interface Apps {
  edit(edits: readonly Edit[]): void;
  /** Bumps updated_at of one row of `table`, values unchanged. */
  touch(side: Side, table: string): void;
  partnerValue(e: Edit): unknown;
  notArrived(edits: readonly Edit[]): Edit[];
  close(): void;
}

/** Opens both apps for editing and reading. */
export declare function openApps(files: { hub: string; app: string }): Apps;

export interface EditPlanner {
  take(hubCount: number, appCount: number): Edit[];
  readonly used: number;
}

/** Hands out linked pairs, each at most once, as edits with values no record holds yet. */
export declare function editPlanner(pairs: readonly Pair[], tag: string): EditPlanner;
