import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export arrives nested one level down.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

/** The JSON Schema of definition documents (schema/ is the one source of truth). */
export interface JsonSchema {
  $id: string;
  definitions: Record<string, Record<string, unknown>>;
}

let cached: { schema: JsonSchema; connection: ValidateFunction; sync: ValidateFunction } | undefined;

/** The parsed schema file; found relative to this module both in src/ and in dist/. */
export function loadSchema(): JsonSchema {
  return compiled().schema;
}

function compiled(): NonNullable<typeof cached> {
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(new URL('../../schema/syncctl.schema.json', import.meta.url), 'utf8')) as JsonSchema;
  // verbose: errors carry their schema and data, which the messages and hints are built from.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  ajv.addSchema(schema);
  const get = (name: string): ValidateFunction => {
    const fn = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
    if (!fn) throw new Error(`schema/syncctl.schema.json has no definitions/${name}`);
    return fn;
  };
  cached = { schema, connection: get('Connection'), sync: get('Sync') };
  return cached;
}

/** Validates a document against the definition of its kind and returns ajv's raw errors. */
export function validateKind(kind: 'Connection' | 'Sync', value: unknown): ErrorObject[] {
  const c = compiled();
  const fn = kind === 'Connection' ? c.connection : c.sync;
  return fn(value) ? [] : [...(fn.errors ?? [])];
}
