import type { ErrorObject } from 'ajv';
import { distance } from 'fastest-levenshtein';
import { describeData, draftFromAjv, type DraftProblem } from './ajv-messages.js';
import type { ParsedDocument } from './parsed-document.js';
import { pointerSegments, positionOf, readablePath } from './positions.js';
import type { Problem } from './problem.js';

const LIST_OPS = new Set(['in', 'not_in']);
const MAX_RAW_ERRORS = 1000;
const MAX_PROBLEMS_PER_DOCUMENT = 50;
const NO_VALUE_OPS = new Set(['exists', 'not_exists']);

/**
 * Turns ajv's errors for one document into problems positioned at the offending node: one
 * problem per mistake, with the noise of if/then and anyOf branches collapsed.
 */
export function schemaProblems(errors: ErrorObject[], pd: ParsedDocument, kind: 'Connection' | 'Sync', resource: Problem['resource']): Problem[] {
  // The header (apiVersion, kind) is checked before the schema, with its own codes.
  const isHeader = (e: ErrorObject): boolean =>
    e.instancePath === '/apiVersion' || e.instancePath === '/kind' || (e.keyword === 'required' && e.instancePath === '' && ['apiVersion', 'kind'].includes(String((e.params as { missingProperty?: unknown }).missingProperty)));
  // A document with thousands of mistakes (a pasted data dump) is cut early: collapsing is not linear.
  let pending = errors.slice(0, MAX_RAW_ERRORS).filter((e) => e.keyword !== 'if' && !isHeader(e));
  const drafts: DraftProblem[] = [];
  const context = (pointer: string): string | undefined => filterHint(pd.value, pointer);

  for (const e of pending.filter((x) => x.keyword === 'anyOf')) {
    const branches = branchErrors(e, pending);
    pending = pending.filter((x) => !branches.includes(x));
    drafts.push(anyOfDraft(e, branches, context));
  }
  for (const e of pending.filter((x) => x.keyword === 'propertyNames')) {
    const key = String((e.params as { propertyName?: unknown }).propertyName);
    pending = pending.filter((x) => !(x.instancePath === e.instancePath && x.propertyName === key));
    drafts.push({ code: 'invalid_property_name', message: `\`${key}\` is not a valid key in \`${readablePath(e.instancePath)}\``, hint: (e.schema as { description?: unknown } | undefined)?.description?.toString() ?? 'Keys here are letters, digits and underscores, starting with a letter or underscore.', pointer: `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, atKey: true });
  }
  for (const e of pending) {
    if (e.keyword === 'anyOf' || e.keyword === 'propertyNames') continue;
    drafts.push(draftFromAjv(e, kind, context));
  }

  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const d of dropShadowed(dropTypoEchoes(drafts))) {
    const key = `${d.pointer}|${d.code}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ severity: 'error', code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}), file: pd.file, ...positionOf(pd, d.pointer, d.atKey ?? false), path: d.pointer, ...(resource ? { resource } : {}) });
  }
  if (problems.length <= MAX_PROBLEMS_PER_DOCUMENT && errors.length <= MAX_RAW_ERRORS) return problems;
  const kept = problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)).slice(0, MAX_PROBLEMS_PER_DOCUMENT);
  const first = kept[0];
  kept.push({ severity: 'error', code: 'too_many_problems', message: `this ${kind} has more schema problems than the ${kept.length} listed`, hint: 'Fix these first, then validate again.', file: pd.file, line: first?.line ?? 1, column: first?.column ?? 1, path: '', ...(resource ? { resource } : {}) });
  return kept;
}

/** The errors ajv reported for the branches of a failed anyOf (including branches reached through $ref). */
function branchErrors(anyOf: ErrorObject, errors: ErrorObject[]): ErrorObject[] {
  const branches = Array.isArray(anyOf.schema) ? (anyOf.schema as { $ref?: string }[]) : [];
  const prefixes = [`${anyOf.schemaPath}/`, ...branches.flatMap((b) => (b.$ref ? [`${b.$ref}/`] : []))];
  const under = (p: string): boolean => p === anyOf.instancePath || p.startsWith(`${anyOf.instancePath}/`);
  return errors.filter((x) => x !== anyOf && under(x.instancePath) && prefixes.some((pre) => x.schemaPath.startsWith(pre)));
}

function anyOfDraft(e: ErrorObject, branches: ErrorObject[], context: (pointer: string) => string | undefined): DraftProblem {
  const name = `\`${readablePath(e.instancePath)}\``;
  const topLevel = branches.filter((b) => b.instancePath === e.instancePath);
  if (topLevel.length > 0 && topLevel.every((b) => b.keyword === 'type')) {
    const types = topLevel.map((b) => String((b.params as { type?: unknown }).type)).map((t) => (t === 'array' ? 'a list' : `a ${t}`));
    return { code: 'invalid_type', message: `${name} must be ${orList(types)}, got ${describeData(e.data)}`, hint: context(e.instancePath), pointer: e.instancePath };
  }
  const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
  const webhook = e.instancePath.endsWith('/webhook');
  return {
    code: webhook ? 'invalid_format' : 'invalid_value',
    message: webhook ? `${name} must be an http(s) URL or an \${env:NAME} reference` : `${name} does not have any of the allowed forms`,
    hint: context(e.instancePath) ?? (typeof description === 'string' ? description : undefined),
    pointer: e.instancePath,
  };
}

/**
 * One value, one problem: an empty `direction:` fails both `type` and `enum`, and the list
 * of allowed values says more than "must be a string". A wrong type hides pattern errors.
 */
function dropShadowed(drafts: DraftProblem[]): DraftProblem[] {
  const has = (pointer: string, code: string): boolean => drafts.some((d) => d.pointer === pointer && d.code === code);
  return drafts.filter((d) => {
    if (d.code === 'invalid_type') return !has(d.pointer, 'invalid_enum_value');
    if (d.code === 'invalid_format' || d.code === 'too_short' || d.code === 'too_long') return !has(d.pointer, 'invalid_type');
    return true;
  });
}

/** "a, b or c". */
export function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/**
 * A misspelt required key shows up twice: as unknown (`conectr`) and as missing (`connector`).
 * The unknown-property problem says "did you mean", so the missing one is only an echo.
 */
function dropTypoEchoes(drafts: DraftProblem[]): DraftProblem[] {
  const unknownKeys = drafts.filter((d) => d.code === 'unknown_property').map((d) => ({ parent: parentOf(d.pointer), key: lastSegment(d.pointer) }));
  return drafts.filter((d) => {
    if (d.code !== 'missing_property') return true;
    const missing = /the required property `([^`]+)`/.exec(d.message)?.[1] ?? '';
    return !unknownKeys.some((u) => u.parent === d.pointer && distance(u.key.toLowerCase(), missing.toLowerCase()) <= Math.max(2, Math.floor(missing.length / 3)));
  });
}

/** Why a filter condition's value is wrong, from its op: the schema's if/then says it only as "must match then". */
function filterHint(doc: unknown, pointer: string): string | undefined {
  const segments = pointerSegments(pointer);
  const valueAt = segments.length >= 6 && segments[segments.length - 1] === 'value' && segments[segments.length - 4] === 'filters';
  if (!valueAt) return undefined;
  const condition = getAt(doc, segments.slice(0, -1)) as { op?: unknown } | undefined;
  const op = typeof condition?.op === 'string' ? condition.op : undefined;
  if (op === undefined) return undefined;
  if (LIST_OPS.has(op)) return `op \`${op}\` takes a list of values, e.g. value: [a, b].`;
  if (NO_VALUE_OPS.has(op)) return `op \`${op}\` takes no value: remove \`value\`.`;
  return `op \`${op}\` compares with a single string, number or boolean; use \`in\` for a list.`;
}

/** The plain value at `segments` inside `root`, or undefined. */
export function getAt(root: unknown, segments: readonly string[]): unknown {
  let node: unknown = root;
  for (const seg of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function lastSegment(pointer: string): string {
  return pointerSegments(pointer).at(-1) ?? '';
}
