import { registerSecret } from '../log/redact.js';

/** `${env:NAME}`: the only way a definition refers to a secret. */
export const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A `${` that does not open a well-formed `${env:NAME}` reference (e.g. shell-style `${TOKEN}`). */
const ENV_LIKE = /\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*\})/;

/** Names of the environment variables referenced in `text`, in order of appearance. */
export function envRefsIn(text: string): string[] {
  return [...text.matchAll(ENV_REF)].map((m) => m[1] ?? '');
}

/** True when `text` holds something that looks like an env reference but is not a valid one. */
export function hasMalformedEnvRef(text: string): boolean {
  return ENV_LIKE.test(text);
}

/**
 * A variable counts as set only when non-empty: CI systems hand an empty string for a secret
 * that is not available (e.g. to pull requests from forks), which is as good as unset.
 */
export function isEnvSet(env: Record<string, string | undefined>, name: string): boolean {
  const value = env[name];
  return value !== undefined && value !== '';
}

/**
 * Replaces every `${env:X}` in the strings of `value` (deeply) with the variable's value and
 * registers each resolved value as a secret so that it is scrubbed from every output.
 * Unset variables are left as written and listed in `missing` (each name once).
 */
export function resolveEnvRefs(value: unknown, env: Record<string, string | undefined>): { value: unknown; missing: string[] } {
  const missing = new Set<string>();
  const resolveString = (text: string): string =>
    text.replace(ENV_REF, (whole, name: string) => {
      if (!isEnvSet(env, name)) {
        missing.add(name);
        return whole;
      }
      const resolved = env[name] as string;
      registerSecret(resolved);
      return resolved;
    });
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return resolveString(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object' && !Buffer.isBuffer(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = walk(child);
      return out;
    }
    return node;
  };
  const resolved = walk(value);
  return { value: resolved, missing: [...missing] };
}
