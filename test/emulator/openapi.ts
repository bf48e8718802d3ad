// Validates requests and answers against HubSpot's published OpenAPI specs, read in place from
// ../shared/hubspot-openapi/. Used by the emulator's contract tests, and by the hubspot
// connector's tests for the requests the emulator receives from it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { RecordedExchange } from '../../src/emulator/hubspot/index.js';

export const SPEC_DIR = fileURLToPath(new URL('../../../shared/hubspot-openapi/', import.meta.url));
const FILES = ['crm-contacts-v3.json', 'crm-companies-v3.json', 'crm-deals-v3.json', 'crm-associations-v4.json', 'crm-properties-v3.json'];

/** True when the specs are there (CI); a user's own clone may lack ../shared. */
export const specsPresent = FILES.every((f) => existsSync(join(SPEC_DIR, f)));

/** Prints why the contract tests are skipped, so a skip is never silent. */
export function warnWhenSpecsMissing(suite: string): void {
  if (!specsPresent) console.warn(`[${suite}] skipped: HubSpot's OpenAPI specs are not at ${SPEC_DIR} (they are in CI).`);
}

type Json = Record<string, unknown>;

const TYPE_IDS: Record<string, string> = { contacts: '0-1', companies: '0-2', deals: '0-3' };

interface Operation {
  specId: string;
  method: string;
  template: string;
  params: number;
  regex: RegExp;
  op: Json;
  spec: Json;
}

/**
 * Where HubSpot's real answers differ from its own spec, the spec is widened here, and only here:
 * - requested properties without a value come back as null (spec: string);
 * - StandardError.subCategory is a string such as "crm.associations.NO_ASSOCIATIONS_FOUND" (spec: object);
 * - v4 association reads give toObjectId as a number and label null when unlabeled (spec: strings).
 */
function widen(schemas: Json): void {
  const at = (name: string): Json | undefined => schemas[name] as Json | undefined;
  const prop = (name: string, key: string): Json | undefined => (at(name)?.properties as Json | undefined)?.[key] as Json | undefined;
  for (const name of ['SimplePublicObject', 'SimplePublicObjectWithAssociations']) {
    const p = prop(name, 'properties');
    if (p) p.additionalProperties = { type: ['string', 'null'] };
  }
  const sub = prop('StandardError', 'subCategory');
  if (sub) delete sub.type;
  const toId = prop('MultiAssociatedObjectWithLabel', 'toObjectId');
  if (toId) toId.type = ['string', 'integer'];
  const label = prop('AssociationSpecWithLabel', 'label');
  if (label) label.type = ['string', 'null'];
}

/** HubSpot's specs, indexed by method and path. */
export class HubspotSpecs {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    // ajv-formats is CommonJS: under ESM its plugin may sit on `.default`.
    const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;
    addFormats(this.ajv);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const file of FILES) {
      const spec = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as Json;
      const components = structuredClone(spec.components) as Json;
      widen(components.schemas as Json);
      const specId = `hubspot:${file}`;
      this.ajv.addSchema({ $id: specId, components }, specId);
      for (const [template, ops] of Object.entries(spec.paths as Json)) {
        for (const [method, op] of Object.entries(ops as Json)) {
          const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
          this.operations.push({
            specId,
            method: method.toUpperCase(),
            template,
            params: (template.match(/\{/g) ?? []).length,
            regex: new RegExp(`^${pattern}$`),
            op: op as Json,
            spec: { ...spec, components },
          });
        }
      }
    }
  }

  /** The operation for a method and a concrete path; literal paths win over templated ones. */
  find(method: string, path: string): Operation | undefined {
    // Some specs name the object by its type id (the deals spec says /crm/v3/objects/0-3).
    const alias = path.replace(/^\/crm\/v3\/objects\/(contacts|companies|deals)(?=\/|$)/, (_m, t: string) => `/crm/v3/objects/${TYPE_IDS[t] ?? t}`);
    for (const candidate of [path, alias]) {
      const found = this.operations.filter((o) => o.method === method && o.regex.test(candidate)).sort((a, b) => a.params - b.params)[0];
      if (found) return found;
    }
    return undefined;
  }

  /** Problems with one exchange: undeclared operation or status, or bodies that break the schemas. */
  check(exchange: RecordedExchange): string[] {
    const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    const operation = this.find(exchange.method, exchange.path);
    if (!operation) return [`${where}: no such operation in HubSpot's specs`];
    const problems: string[] = [];
    const requestSchema = this.mediaSchema(operation, (operation.op.requestBody as Json | undefined)?.content as Json | undefined);
    if (requestSchema && exchange.status !== 401) {
      problems.push(...this.validate(operation, requestSchema, exchange.requestBody).map((p) => `${where} request: ${p}`));
    }
    const responses = operation.op.responses as Json;
    let response = (responses[String(exchange.status)] ?? responses.default) as Json | undefined;
    if (!response) return [...problems, `${where}: status not declared by the spec`];
    if (typeof response.$ref === 'string') response = this.resolve(operation, response.$ref);
    const schema = this.mediaSchema(operation, response.content as Json | undefined);
    if (!schema) {
      if (exchange.responseBody !== undefined) problems.push(`${where}: the spec declares no body, got one`);
      return problems;
    }
    problems.push(...this.validate(operation, schema, exchange.responseBody).map((p) => `${where} response: ${p}`));
    return problems;
  }

  private mediaSchema(operation: Operation, content: Json | undefined): Json | undefined {
    if (!content) return undefined;
    const media = (content['application/json'] ?? content['*/*']) as Json | undefined;
    return media?.schema as Json | undefined;
  }

  private resolve(operation: Operation, ref: string): Json {
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<Json>((node, key) => node[key] as Json, operation.spec);
  }

  private validate(operation: Operation, schema: Json, value: unknown): string[] {
    const text = JSON.stringify(schema).replaceAll('"#/components/', `"${operation.specId}#/components/`);
    let validate = this.compiled.get(text);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(text) as Json);
      this.compiled.set(text, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
}
