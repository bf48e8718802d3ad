import * as Yaml from 'yaml';

/**
 * The yaml package. The CLI runs from a bundle (scripts/bundle-cli.mjs), where yaml is one
 * chunk of code rather than some seventy CommonJS files resolved and read one by one.
 */
export function yamlLib(): typeof Yaml {
  return Yaml;
}
