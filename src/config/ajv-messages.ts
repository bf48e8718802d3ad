import type { ErrorObject } from 'ajv';
import { readablePath } from './positions.js';
import { didYouMean, suggestionHint } from './suggest.js';

/** A problem before it is positioned: where (pointer, key or value) and what. */
export interface DraftProblem {
  code: string;
  message: string;
  hint?: string;
  pointer: string;
  atKey?: boolean;
}

const IDENTIFIER = '^[A-Za-z_][A-Za-z0-9_]*$';
const PATTERN_WORDS: Record<string, string> = {
  [IDENTIFIER]: 'letters, digits and underscores, starting with a letter or underscore',
  '^[A-Za-z_][A-Za-z0-9_.]*$': 'letters, digits, underscores and dots, starting with a letter or underscore',
  '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$': 'lower-case letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters',
  '^[0-9]+(ms|s|m|h)$': 'a duration such as 30s, 5m or 1h',
  '^https?://[^\\s]+$': 'an http:// or https:// URL',
};
const ENV_REF_PATTERN = '^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$';

/** Human words for a pattern, so that users never have to read a regular expression. */
export function describePattern(pattern: string, description?: unknown): string {
  if (pattern === ENV_REF_PATTERN) return 'an environment reference written ${env:NAME}';
  return PATTERN_WORDS[pattern] ?? (typeof description === 'string' ? lowerFirst(description.replace(/\.$/, '')) : `text matching ${pattern}`);
}

/** "a string", "a list", … for the JSON type of `data` (never the value itself: it may be a secret). */
export function describeData(data: unknown): string {
  if (data === null || data === undefined) return 'an empty value';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'number') return Number.isInteger(data) ? 'a whole number' : 'a number';
  return `a ${typeof data}`;
}

function describeType(type: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', boolean: 'a boolean (true or false)', number: 'a number', integer: 'a whole number', null: 'empty' };
  return words[type] ?? type;
}

/** Translates one ajv error (after noise was collapsed) into a draft problem. */
export function draftFromAjv(e: ErrorObject, kind: string, context: (pointer: string) => string | undefined): DraftProblem {
  const at = e.instancePath;
  const name = `\`${readablePath(at)}\``;
  const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const where = at === '' ? `a ${kind}` : `\`${readablePath(at)}\``;
      return { code: 'unknown_property', message: `unknown property \`${key}\` in ${where}`, hint: suggestionHint(key, allowed, 'allowed properties'), pointer: `${at}/${escape(key)}`, atKey: true };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const where = at === '' ? `this ${kind}` : `\`${readablePath(at)}\``;
      return { code: 'missing_property', message: `${where} is missing the required property \`${missing}\``, hint: context(`${at}/${escape(missing)}`) ?? `Add \`${missing}\`.`, pointer: at };
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
      const message = allowed.length === 1 ? `${name} must be \`${allowed[0]}\`` : `${name} must be one of: ${allowed.join(', ')}`;
      return { code: 'invalid_enum_value', message, hint: didYouMean(e.data, allowed), pointer: at };
    }
    case 'type': {
      const expected = ([] as string[]).concat(params.type as string | string[]);
      return { code: 'invalid_type', message: `${name} must be ${expected.map(describeType).join(' or ')}, got ${describeData(e.data)}`, hint: typeHint(expected, e.data, context(at), description), pointer: at };
    }
    case 'pattern': {
      const pattern = String(params.pattern);
      if (pattern === ENV_REF_PATTERN) {
        return { code: 'invalid_format', message: `${name} must be an environment reference such as \${env:NAME}, not a literal value`, hint: 'Put the secret in an environment variable and write "${env:NAME}" here: secrets never go into definition files.', pointer: at };
      }
      return { code: 'invalid_format', message: `${name} has an invalid form`, hint: `Write ${describePattern(pattern, description)}.`, pointer: at };
    }
    case 'format':
      return { code: 'invalid_format', message: `${name} must be a valid ${String(params.format).toUpperCase()}`, hint: typeof description === 'string' ? description : undefined, pointer: at };
    case 'minLength':
      return Number(params.limit) === 1
        ? { code: 'too_short', message: `${name} must not be empty`, hint: typeof description === 'string' ? description : undefined, pointer: at }
        : { code: 'too_short', message: `${name} must be at least ${String(params.limit)} characters long`, pointer: at };
    case 'maxLength':
      return { code: 'too_long', message: `${name} must be at most ${String(params.limit)} characters long`, pointer: at };
    case 'minItems':
      return { code: 'too_few_items', message: `${name} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`, hint: context(at) ?? (at === '/objects' ? 'List at least one object pair, e.g. - { hub: contacts, app: customers }.' : undefined), pointer: at };
    case 'maxItems':
      return { code: 'too_many_items', message: `${name} may have at most ${String(params.limit)} items`, hint: 'Split the objects over several syncs.', pointer: at };
    case 'uniqueItems':
      return { code: 'duplicate_items', message: `${name} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`, hint: 'Remove the repeated item.', pointer: `${at}/${String(params.i)}` };
    case 'not':
      return notDraft(e, name, context);
    default:
      return { code: 'invalid_value', message: `${name} ${e.message ?? 'is not valid'}`, pointer: at };
  }
}

function notDraft(e: ErrorObject, name: string, context: (pointer: string) => string | undefined): DraftProblem {
  const negated = e.schema as { required?: string[]; type?: string } | undefined;
  const forbidden = negated?.required?.[0];
  if (forbidden !== undefined) {
    const pointer = `${e.instancePath}/${escape(forbidden)}`;
    return { code: 'invalid_value', message: `\`${readablePath(pointer)}\` must not be given here`, hint: context(pointer), pointer, atKey: true };
  }
  if (negated?.type !== undefined) {
    return { code: 'invalid_value', message: `${name} must not be ${describeType(negated.type)}`, hint: context(e.instancePath), pointer: e.instancePath };
  }
  return { code: 'invalid_value', message: `${name} is not valid here`, hint: context(e.instancePath), pointer: e.instancePath };
}

function typeHint(expected: string[], data: unknown, context: string | undefined, description: unknown): string | undefined {
  if (context) return context;
  if (expected.includes('boolean') && typeof data === 'string' && /^(true|false|yes|no|on|off)$/i.test(data.trim())) {
    return 'Write true or false without quotes.';
  }
  if (expected.includes('array')) return 'Write a list: one `- item` per line, or [a, b].';
  if (expected.includes('object') && (data === null || data === undefined)) return 'Fill in the mapping, or remove the key.';
  if (expected.includes('string') && typeof data !== 'string' && data !== null) return 'Quote the value to make it a string.';
  return typeof description === 'string' ? description : undefined;
}

/** Escapes one JSON pointer segment. */
export function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
