import { schemaProblems } from './ajv-problems.js';
import type { ParsedDocument } from './parsed-document.js';
import { positionOf } from './positions.js';
import type { Problem } from './problem.js';
import { validateKind } from './schema.js';
import { didYouMean } from './suggest.js';

export type Kind = 'Connection' | 'Sync';
const KINDS: readonly Kind[] = ['Connection', 'Sync'];
const API_VERSION = 'syncctl/v1';

/** One document on its way through the pipeline. */
export interface Entry {
  pd: ParsedDocument;
  kind?: Kind;
  /** The name as written, when it is a string (even an invalid one). */
  name?: string;
  /** Passed the YAML, header and schema checks: `pd.value` has the schema's shape. */
  valid: boolean;
}

/** Checks a document's header and validates it against its kind's schema definition. */
export function checkDocument(pd: ParsedDocument): { entry: Entry; problems: Problem[] } {
  const plain = pd.clean ? (pd.value as Record<string, unknown>) : undefined;
  const kindValue = plain ? plain.kind : readKey(pd, 'kind');
  const nameValue = plain ? plain.name : readKey(pd, 'name');
  const kind = KINDS.find((k) => k === kindValue);
  const name = typeof nameValue === 'string' ? nameValue : undefined;
  const entry: Entry = { pd, ...(kind ? { kind } : {}), ...(name !== undefined ? { name } : {}), valid: false };
  // YAML-level problems were reported while parsing; the document cannot be trusted further.
  if (!pd.clean) return { entry, problems: [] };

  const resource = kind && name !== undefined ? { kind, name } : undefined;
  const problems: Problem[] = [];
  const report = (code: string, message: string, hint: string, pointer: string): void => {
    problems.push({ severity: 'error', code, message, hint, file: pd.file, ...positionOf(pd, pointer), path: pointer, ...(resource ? { resource } : {}) });
  };
  const value = plain as Record<string, unknown>;
  const apiVersion = value.apiVersion;
  if (apiVersion === undefined) {
    report('missing_api_version', 'the document has no `apiVersion`', `Add \`apiVersion: ${API_VERSION}\` at the top of the document.`, '');
  } else if (apiVersion !== API_VERSION) {
    report('unsupported_api_version', `\`apiVersion\` must be \`${API_VERSION}\``, `Write \`apiVersion: ${API_VERSION}\`: it is the only version of the format.`, '/apiVersion');
  }
  if (kindValue === undefined) {
    report('missing_kind', 'the document has no `kind`', 'Add `kind: Connection` or `kind: Sync`.', '');
  } else if (!kind) {
    const guess = didYouMean(kindValue, KINDS);
    report('unknown_kind', '`kind` must be Connection or Sync', guess ?? 'Write `kind: Connection` or `kind: Sync`.', '/kind');
  }
  if (kind) problems.push(...schemaProblems(validateKind(kind, value), pd, kind, resource));
  entry.valid = problems.length === 0;
  return { entry, problems };
}

/** A top-level scalar of the document, read from the syntax tree so that it works on broken documents too. */
function readKey(pd: ParsedDocument, key: string): unknown {
  try {
    return pd.doc.get(key);
  } catch {
    return undefined;
  }
}
