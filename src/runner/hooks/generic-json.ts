// The generic push format, for apps that can call a URL on change (and for scripts):
//   { "object": "customers", "ids": ["a", "b"] }
//   { "changes": [ { "object": "customers", "ids": ["a"] }, { "object": "accounts", "ids": [7] } ] }
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { HookChange, HookHandler, HookParseResult, HookRequest } from './types.js';

const CHANGE = {
  type: 'object',
  additionalProperties: false,
  required: ['object', 'ids'],
  properties: {
    object: { type: 'string', minLength: 1, maxLength: 200 },
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: 10_000,
      items: { anyOf: [{ type: 'string', minLength: 1, maxLength: 512 }, { type: 'integer' }] },
    },
  },
} as const;

const BATCH = {
  type: 'object',
  additionalProperties: false,
  required: ['changes'],
  properties: { changes: { type: 'array', minItems: 1, maxItems: 1000, items: CHANGE } },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const validateChange: ValidateFunction = ajv.compile(CHANGE);
const validateBatch: ValidateFunction = ajv.compile(BATCH);

export const EXAMPLE_BODY = '{"object": "customers", "ids": ["a", "b"]} or {"changes": [{"object": "customers", "ids": ["a"]}]}';

/** The generic JSON handler: every connector without a format of its own uses it. */
export const genericJsonHook: HookHandler = {
  connector: '*',
  parse(request: HookRequest): HookParseResult {
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch (err) {
      return {
        ok: false,
        status: 400,
        code: 'invalid_json',
        message: `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        hint: `Send a JSON body such as ${EXAMPLE_BODY}.`,
      };
    }
    const batch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'changes' in body;
    const validate = batch ? validateBatch : validateChange;
    if (!validate(body)) {
      const details = (validate.errors ?? []).map(describeError);
      return {
        ok: false,
        status: 400,
        code: 'invalid_body',
        message: `The request body is not a change notification: ${details.join('; ')}`,
        hint: `Send ${EXAMPLE_BODY}; ids are strings or integers.`,
        details,
      };
    }
    const raw = batch ? (body as { changes: RawChange[] }).changes : [body as RawChange];
    return { ok: true, changes: raw.map((c): HookChange => ({ object: c.object, ids: c.ids.map(String) })) };
  },
};

interface RawChange {
  object: string;
  ids: (string | number)[];
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'the body' : e.instancePath;
  if (e.keyword === 'additionalProperties') return `${where} has an unknown property "${String(e.params['additionalProperty'])}"`;
  if (e.keyword === 'required') return `${where} needs "${String(e.params['missingProperty'])}"`;
  return `${where} ${e.message ?? 'is invalid'}`;
}
