import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let loaded: typeof Yaml | undefined;

/**
 * The yaml package, loaded on first use: commands that import the config modules without
 * reading a definition file (status, records, run's health endpoints) never pay its start-up.
 */
export function yamlLib(): typeof Yaml {
  return (loaded ??= require('yaml') as typeof Yaml);
}
