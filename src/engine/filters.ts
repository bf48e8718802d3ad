// Filters decide which records take part in an initial sync. Conditions on one side are
// AND-ed. Text compares case-insensitively (as CRM list filters do); gt/gte/lt/lte compare
// numbers as numbers, dates and date-times as instants, anything else as text.
import type { FilterCondition } from '../config/model.js';
import type { Properties, PropertyValue } from '../connectors/types.js';
import { isEmpty } from './values.js';

type Scalar = string | number | boolean;

function text(v: Scalar | PropertyValue): string {
  return String(v).trim().toLowerCase();
}

function equal(actual: PropertyValue, expected: Scalar): boolean {
  if (actual === null) return false;
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = Number(actual);
    const e = Number(expected);
    if (!Number.isNaN(a) && !Number.isNaN(e) && String(actual).trim() !== '' && String(expected).trim() !== '') return a === e;
  }
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    const asBool = (v: Scalar): boolean | undefined => {
      const t = text(v);
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
    };
    const a = asBool(actual);
    if (a !== undefined && a === asBool(expected)) return true;
  }
  return text(actual) === text(expected);
}

const ISO_START = /^\d{4}-\d{2}-\d{2}/;

function compare(actual: PropertyValue, expected: Scalar): number | undefined {
  if (actual === null || typeof actual === 'boolean' || typeof expected === 'boolean') return undefined;
  const a = Number(actual);
  const e = Number(expected);
  if (!Number.isNaN(a) && !Number.isNaN(e) && String(actual).trim() !== '' && String(expected).trim() !== '') return a - e;
  if (typeof actual === 'string' && typeof expected === 'string' && ISO_START.test(actual) && ISO_START.test(expected)) {
    const ta = Date.parse(actual);
    const te = Date.parse(expected);
    if (!Number.isNaN(ta) && !Number.isNaN(te)) return ta - te;
  }
  const sa = text(actual);
  const se = text(expected);
  return sa < se ? -1 : sa > se ? 1 : 0;
}

function list(value: FilterCondition['value']): Scalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** True when `properties` satisfy one condition. */
export function matchesCondition(properties: Properties, condition: FilterCondition): boolean {
  const raw = properties[condition.property];
  const actual: PropertyValue = raw === undefined || isEmpty(raw) ? null : raw;
  const value = condition.value;
  const single = Array.isArray(value) ? value[0] : value;
  switch (condition.op) {
    case 'exists':
      return actual !== null;
    case 'not_exists':
      return actual === null;
    case 'eq':
      return single !== undefined && equal(actual, single);
    case 'neq':
      return single === undefined || !equal(actual, single);
    case 'in':
      return list(value).some((v) => equal(actual, v));
    case 'not_in':
      return !list(value).some((v) => equal(actual, v));
    case 'contains':
      return actual !== null && single !== undefined && text(actual).includes(text(single));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (single === undefined) return false;
      const c = compare(actual, single);
      if (c === undefined) return false;
      return condition.op === 'gt' ? c > 0 : condition.op === 'gte' ? c >= 0 : condition.op === 'lt' ? c < 0 : c <= 0;
    }
  }
}

/** True when `properties` satisfy every condition (no conditions: always). */
export function matchesFilters(properties: Properties, conditions: readonly FilterCondition[]): boolean {
  for (const c of conditions) if (!matchesCondition(properties, c)) return false;
  return true;
}
