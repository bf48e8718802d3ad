// Only ajv's types are imported: the validators are precompiled (validators.generated.ts, by
// scripts/gen-validators.mjs), so neither ajv nor the schema compiler loads at run time.
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from './validators.generated.js';

/** The schema's validators per document kind (schema/syncctl.schema.json is the one source of truth). */
const VALIDATORS: Readonly<Record<'Connection' | 'Sync', ValidateFunction>> = {
  Connection: generated.Connection as ValidateFunction,
  Sync: generated.Sync as ValidateFunction,
};

/** Validates a document against the definition of its kind and returns ajv's raw errors. */
export function validateKind(kind: 'Connection' | 'Sync', value: unknown): ErrorObject[] {
  const fn = VALIDATORS[kind];
  return fn(value) ? [] : [...(fn.errors ?? [])];
}
