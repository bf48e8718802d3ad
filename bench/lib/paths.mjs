// Where the bench writes: bench/results/ (git-ignored), or $SYNCCTL_BENCH_RESULTS (the bench's
// own tests point it at a temp dir so they never touch real results).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = process.env.SYNCCTL_BENCH_RESULTS ? resolve(process.env.SYNCCTL_BENCH_RESULTS) : fileURLToPath(new URL('../results/', import.meta.url));
export const DATA_DIR = resolve(RESULTS_DIR, 'data');
export const PROFILES_DIR = resolve(RESULTS_DIR, 'profiles');
