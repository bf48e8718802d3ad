// Evaluating one filter against one record, comparing by the property's type: numbers as
// numbers, date-times as instants, everything else as case-insensitive text.
import type { PropertyDefinition } from '../properties/definition.js';
import { parseTimestamp } from '../properties/values.js';
import type { StoredObject } from '../store/index.js';
import type { Filter } from './search-filters.js';

/** Compares two values of the property `def`: negative, zero or positive. */
export function compareValues(def: PropertyDefinition, a: string, b: string): number {
  if (def.type === 'number') return Number(a) - Number(b);
  if (def.type === 'datetime') return (parseTimestamp(a) ?? 0) - (parseTimestamp(b) ?? 0);
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True when `record` passes `filter`. */
export function matchesFilter(record: StoredObject, filter: Filter): boolean {
  const v = record.properties[filter.def.name];
  const cmp = (other: string | undefined): number => compareValues(filter.def, v ?? '', other ?? '');
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return v !== undefined;
    case 'NOT_HAS_PROPERTY':
      return v === undefined;
    case 'EQ':
      return v !== undefined && cmp(filter.value) === 0;
    case 'NEQ':
      return v === undefined || cmp(filter.value) !== 0;
    case 'LT':
      return v !== undefined && cmp(filter.value) < 0;
    case 'LTE':
      return v !== undefined && cmp(filter.value) <= 0;
    case 'GT':
      return v !== undefined && cmp(filter.value) > 0;
    case 'GTE':
      return v !== undefined && cmp(filter.value) >= 0;
    case 'BETWEEN':
      return v !== undefined && cmp(filter.value) >= 0 && cmp(filter.highValue) <= 0;
    case 'IN':
      return v !== undefined && (filter.values ?? []).some((x) => cmp(x) === 0);
    case 'NOT_IN':
      return v === undefined || !(filter.values ?? []).some((x) => cmp(x) === 0);
    case 'CONTAINS_TOKEN':
      return v !== undefined && containsToken(v, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return v === undefined || !containsToken(v, filter.value ?? '');
  }
}

/** HubSpot's token match: whole words, with `*` as a wildcard (e.g. `*@example.com`). */
function containsToken(value: string, pattern: string): boolean {
  const lower = value.toLowerCase();
  const p = pattern.trim().toLowerCase();
  const tokens = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (p.includes('*')) {
    const re = new RegExp(`^${p.split('*').map(escapeRegex).join('.*')}$`, 'u');
    return re.test(lower) || tokens.some((t) => re.test(t));
  }
  const wanted = p.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return lower === p || (wanted.length > 0 && wanted.every((w) => tokens.includes(w)));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
