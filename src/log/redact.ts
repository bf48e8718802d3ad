// Values of secrets resolved in this process. Anything printed or logged passes through
// redactSecrets, so a secret that slipped into a message is still never shown.
const secretValues = new Set<string>();

/** Remembers a resolved secret value so that it is scrubbed from every output. */
export function registerSecret(value: string): void {
  // Very short values would scrub ordinary words; env secrets are never that short in practice.
  if (value.length >= 4) secretValues.add(value);
}

/** The registered values (for a worker thread, whose module state starts empty). */
export function registeredSecrets(): string[] {
  return [...secretValues];
}

/** Replaces every registered secret value in `text` with [redacted]. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secretValues) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Forgets all registered secrets (tests). */
export function clearSecrets(): void {
  secretValues.clear();
}
