// Command-line flags of `npm run bench`.

export const USAGE = `usage: npm run bench [-- [--quick] [--only NAME[,NAME]] [--no-build] [--seed N]]
  --quick      small sizes only (10k contacts), finishes in under a minute
  --only NAME  run only these scenarios (comma-separated; scenarios they need run too)
  --no-build   measure dist/ as it is instead of running \`npm run build\` first
  --seed N     seed of the generated data (default ${'20240115'})`;

/** Parses argv (without node and script); throws an Error with the usage on anything unknown. */
export function parseArgs(argv, known) {
  const options = { quick: false, only: undefined, build: true, seed: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--no-build') options.build = false;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--only') options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--seed') {
      const seed = Number(value());
      if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number.\n${USAGE}`);
      options.seed = seed;
    } else throw new Error(`unknown option ${arg}.\n${USAGE}`);
  }
  for (const name of options.only ?? []) {
    if (!known.includes(name)) throw new Error(`there is no scenario named "${name}"; scenarios: ${known.join(', ')}.`);
  }
  return options;
}
