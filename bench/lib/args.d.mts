// Types of bench/lib/args.mjs, for the tests in test/bench/.

export interface BenchOptions {
  quick: boolean;
  only: string[] | undefined;
  build: boolean;
  seed: number | undefined;
  help: boolean;
}

export declare const USAGE: string;
/** Parses argv (without node and script); throws an Error with the usage on anything unknown. */
export declare function parseArgs(argv: readonly string[], known: readonly string[]): BenchOptions;
