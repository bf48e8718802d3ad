// Field-level diff of two definitions of a connection. Secret options are compared but
// shown only as their `${env:X}` reference, and changing only them restarts nothing.
import type { Connection } from '../config/model.js';
import { isSecretOption, showSecretValue } from './secret-options.js';
import type { FieldChange } from './types.js';
import { diffValues, keyPath } from './value-diff.js';

/** The field changes of one connection, split by what they force. */
export interface ConnectionDiff {
  changes: FieldChange[];
  /** The changes other than description or a secret option: syncs using the connection restart. */
  restarting: FieldChange[];
}

const NOTE_SECRET = 'secret option: shown as its reference; changing it restarts nothing';

/** Compares two definitions of the same connection, ignoring `source` and `baseDir`. */
export function diffConnection(before: Connection, after: Connection): ConnectionDiff {
  const diff: ConnectionDiff = { changes: [], restarting: [] };
  if (before.description !== after.description) {
    diff.changes.push({ path: 'description', before: before.description, after: after.description });
  }
  if (before.connector !== after.connector) {
    const change = { path: 'connector', before: before.connector, after: after.connector };
    diff.changes.push(change);
    diff.restarting.push(change);
  }
  const keys = [...new Set([...Object.keys(before.options), ...Object.keys(after.options)])].sort();
  for (const key of keys) {
    const secret = isSecretOption(before.connector, key) || isSecretOption(after.connector, key);
    const changes = diffValues(keyPath('options', key), before.options[key], after.options[key]);
    if (changes.length === 0) continue;
    if (secret) {
      const b = before.options[key];
      const a = after.options[key];
      diff.changes.push({ path: keyPath('options', key), before: showSecretValue(b), after: showSecretValue(a), note: NOTE_SECRET });
    } else {
      diff.changes.push(...changes);
      diff.restarting.push(...changes);
    }
  }
  return diff;
}
