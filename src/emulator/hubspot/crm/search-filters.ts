// Parsing a search's filterGroups into checked filters, with HubSpot's limits on their number.
import { validationError } from '../errors.js';
import type { ObjectTypeName } from '../object-types.js';
import { propertyDefinition } from '../properties/catalog.js';
import type { PropertyDefinition } from '../properties/definition.js';
import { parseTimestamp } from '../properties/values.js';

export const OPERATORS = [
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN',
  'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN',
] as const;

/** A search filter operator. */
export type Operator = (typeof OPERATORS)[number];

/** A checked filter. */
export interface Filter {
  def: PropertyDefinition;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

/** HubSpot's limits (since August 2024): 5 groups, 10 filters per group, 25 filters in all. */
export const FILTER_LIMITS = { groups: 5, perGroup: 10, total: 25 } as const;

/** Checks `filterGroups`; an absent or empty list means "no filter". */
export function parseFilterGroups(type: ObjectTypeName, raw: unknown): Filter[][] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validationError('filterGroups must be an array of { "filters": [...] } objects.');
  if (raw.length > FILTER_LIMITS.groups) {
    throw validationError(`A search may have at most ${FILTER_LIMITS.groups} filterGroups; got ${raw.length}.`);
  }
  let total = 0;
  const groups = raw.map((group: unknown, g) => {
    const filters = (group as { filters?: unknown } | null)?.filters;
    if (!Array.isArray(filters)) throw validationError(`filterGroups[${g}] must be an object with a "filters" array.`);
    if (filters.length > FILTER_LIMITS.perGroup) {
      throw validationError(`filterGroups[${g}] has ${filters.length} filters; a group may have at most ${FILTER_LIMITS.perGroup}.`);
    }
    total += filters.length;
    return filters.map((f: unknown, i) => parseFilter(type, f, `filterGroups[${g}].filters[${i}]`));
  });
  if (total > FILTER_LIMITS.total) throw validationError(`A search may have at most ${FILTER_LIMITS.total} filters in all; got ${total}.`);
  return groups;
}

function parseFilter(type: ObjectTypeName, raw: unknown, where: string): Filter {
  const f = (raw ?? {}) as Record<string, unknown>;
  const operator = OPERATORS.find((o) => o === f.operator);
  if (!operator) throw validationError(`${where}.operator must be one of ${OPERATORS.join(', ')}; got ${JSON.stringify(f.operator)}.`);
  const def = typeof f.propertyName === 'string' ? propertyDefinition(type, f.propertyName) : undefined;
  if (!def) throw validationError(`${where}.propertyName ${JSON.stringify(f.propertyName)} is not a property of ${type}.`);
  const filter: Filter = { def, operator };
  if (operator === 'HAS_PROPERTY' || operator === 'NOT_HAS_PROPERTY') return filter;
  if (operator === 'IN' || operator === 'NOT_IN') {
    if (!Array.isArray(f.values) || f.values.length === 0) throw validationError(`${where}: ${operator} needs a non-empty "values" array.`);
    filter.values = f.values.map((v: unknown, i) => scalar(def, v, `${where}.values[${i}]`));
    return filter;
  }
  filter.value = scalar(def, f.value, `${where}.value`);
  if (operator === 'BETWEEN') filter.highValue = scalar(def, f.highValue, `${where}.highValue`);
  return filter;
}

function scalar(def: PropertyDefinition, raw: unknown, where: string): string {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    throw validationError(`${where} is required and must be a string.`);
  }
  const text = String(raw);
  if (def.type === 'number' && !Number.isFinite(Number(text))) {
    throw validationError(`${where}: "${text}" is not a number, and ${def.name} is a number property.`);
  }
  if (def.type === 'datetime' && parseTimestamp(text) === undefined) {
    throw validationError(`${where}: "${text}" is not a date-time; use epoch milliseconds or ISO 8601 for ${def.name}.`);
  }
  return text;
}
