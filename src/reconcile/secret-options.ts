// Which connection options hold secrets. Changing only these never restarts a sync, and
// every output shows them as their `${env:X}` reference, never a value. The connector
// registry will supply these lists (ConnectorFactory.secretOptions); until it does, this
// map is the one place that knows them.

/** Secret option names per connector. */
export const SECRET_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  sqlite: [],
  hubspot: ['token', 'webhookSecret'],
};

/** Used for a connector this map does not know: err on the side of hiding. */
const FALLBACK_SECRET_OPTIONS: readonly string[] = ['token', 'webhookSecret'];

const ENV_REF = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

/** The option names that hold secrets for `connector`. */
export function secretOptionNames(connector: string): readonly string[] {
  return Object.hasOwn(SECRET_OPTIONS, connector) ? (SECRET_OPTIONS[connector] ?? []) : FALLBACK_SECRET_OPTIONS;
}

/** True when `option` (a top-level option name) holds a secret for `connector`. */
export function isSecretOption(connector: string, option: string): boolean {
  return secretOptionNames(connector).includes(option);
}

/**
 * What may be shown of a secret option's value: its `${env:X}` reference as written, or
 * `[redacted]` for anything else (a literal value that slipped past validation).
 */
export function showSecretValue(value: unknown): unknown {
  if (value === undefined) return undefined;
  return typeof value === 'string' && ENV_REF.test(value) ? value : '[redacted]';
}

/** A copy of `options` with every secret option reduced to what may be shown. */
export function redactOptions(connector: string, options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    out[key] = isSecretOption(connector, key) ? showSecretValue(value) : value;
  }
  return out;
}
