// Checks and normalises one written property value the way HubSpot does: values travel as
// strings, numbers and booleans are accepted and turned into strings, emails are lower-cased,
// datetimes are accepted as epoch milliseconds or ISO 8601 and stored as ISO 8601.
import type { PropertyProblem } from '../errors.js';
import type { PropertyDefinition } from './definition.js';

/** The outcome of checking a value: the stored string ('' clears), or what is wrong. */
export type ValueCheck = { ok: true; value: string } | { ok: false; problem: PropertyProblem };

/** HubSpot's limit on a single-line or multi-line text value. */
const MAX_TEXT_LENGTH = 65_536;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Validates and normalises `raw` for the property `def`. */
export function checkValue(def: PropertyDefinition, raw: unknown): ValueCheck {
  if (raw === null || raw === undefined) return { ok: true, value: '' };
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    return fail(def, 'INVALID_PROPERTY_VALUE', `Property "${def.name}" must be a string, number or boolean, not ${Array.isArray(raw) ? 'an array' : 'an object'}.`);
  }
  const text = String(raw);
  if (text === '') return { ok: true, value: '' };
  switch (def.type) {
    case 'string':
      return checkText(def, text);
    case 'number':
      return checkNumber(def, text.trim());
    case 'enumeration':
      return checkOption(def, text);
    case 'bool':
      return checkBool(def, text.trim());
    case 'datetime':
      return checkDatetime(def, text.trim());
  }
}

function checkText(def: PropertyDefinition, text: string): ValueCheck {
  if (text.length > MAX_TEXT_LENGTH) {
    return fail(def, 'INVALID_STRING', `The value of "${def.name}" is ${text.length} characters long; the limit is ${MAX_TEXT_LENGTH}.`);
  }
  if (def.textDisplayHint === 'email') {
    const email = text.trim().toLowerCase();
    if (!EMAIL.test(email)) return fail(def, 'INVALID_EMAIL', `Email address ${text} is invalid`);
    return { ok: true, value: email };
  }
  return { ok: true, value: text };
}

function checkNumber(def: PropertyDefinition, text: string): ValueCheck {
  if (!NUMBER.test(text) || !Number.isFinite(Number(text))) {
    return fail(def, def.integer ? 'INVALID_INTEGER' : 'INVALID_DOUBLE', `${text} was not a valid ${def.integer ? 'integer' : 'number'}.`);
  }
  if (def.integer && !Number.isInteger(Number(text))) {
    return fail(def, 'INVALID_INTEGER', `${text} was not a valid integer.`);
  }
  return { ok: true, value: text };
}

function checkOption(def: PropertyDefinition, text: string): ValueCheck {
  if (def.options.some((o) => o.value === text)) return { ok: true, value: text };
  return fail(
    def,
    'INVALID_OPTION',
    `${text} was not one of the allowed options: [${def.options.map((o) => o.value).join(', ')}]`,
  );
}

function checkBool(def: PropertyDefinition, text: string): ValueCheck {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return { ok: true, value: lower };
  return fail(def, 'INVALID_BOOLEAN', `${text} was not a valid boolean; use true or false.`);
}

function checkDatetime(def: PropertyDefinition, text: string): ValueCheck {
  const ms = parseTimestamp(text);
  if (ms === undefined) {
    return fail(def, 'INVALID_DATE', `${text} is not a valid date-time for "${def.name}"; use epoch milliseconds or ISO 8601.`);
  }
  return { ok: true, value: new Date(ms).toISOString() };
}

/** Epoch milliseconds from "1700000000000" or an ISO 8601 string; undefined when neither. */
export function parseTimestamp(text: string): number | undefined {
  if (/^-?\d+$/.test(text)) {
    const ms = Number(text);
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function fail(def: PropertyDefinition, error: string, message: string): ValueCheck {
  return { ok: false, problem: { name: def.name, error, message } };
}
