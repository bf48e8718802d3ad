import type { Node, YAMLError } from 'yaml';
import { findExcessiveNesting } from './nesting-scan.js';
import type { ParsedDocument, ParsedFile } from './parsed-document.js';
import type { Problem } from './problem.js';
import { checkDocumentNodes } from './yaml-checks.js';
import { yamlLib } from './yaml-lib.js';

/** uniqueKeys is off because the package's check is quadratic; the node checks find duplicates instead. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: true } as const;

/** Files larger than this are refused unread: a definition file is a few kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * The yaml package slows down more than linearly on some inputs (many errors, huge mappings);
 * no real definition file comes near this many lines, so longer files are refused unparsed.
 */
export const MAX_LINES = 20_000;
/** Aliases may repeat a node this often before expansion counts as an alias bomb. */
const MAX_ALIAS_COUNT = 100;
/** The same mistake repeated on every line is reported this many times, not thousands. */
const MAX_NODE_FINDINGS_PER_DOC = 20;
/** A syntax error often cascades; the first few per document say all there is to say. */
const MAX_YAML_ERRORS_PER_DOC = 5;

const YAML_HINTS: Record<string, string> = {
  BAD_INDENT: 'Check the indentation: the items of one mapping or list start at the same column.',
  MISSING_CHAR: 'A bracket or quote is not closed.',
  BAD_DQ_ESCAPE: 'Use a valid escape in double quotes, or single quotes for literal backslashes.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; check for a missing colon or closing quote above.',
  BLOCK_AS_IMPLICIT_KEY: 'Check for a missing colon or a value on the wrong line.',
  UNEXPECTED_TOKEN: 'Quote values that start with a special character or contain ": ".',
};

/** Reads one definition file into YAML documents with positions, collecting every problem found on the way. */
export function parseSource(file: string, content: string | Buffer): ParsedFile {
  const problems: Problem[] = [];
  const fail = (code: string, message: string, hint: string, line = 1, column = 1, cause?: Problem['cause']): ParsedFile => {
    problems.push({ severity: 'error', code, message, hint, file, line, column, ...(cause ? { cause } : {}) });
    return { file, documents: [], problems };
  };

  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (bytes > MAX_FILE_BYTES) return { file, documents: [], problems: [tooLargeProblem(file, bytes)] };
  const decoded = decode(content);
  if (typeof decoded !== 'string') {
    return fail(decoded.code, decoded.message, 'Definition files are UTF-8 text; move other files out of the definitions directory.', ...positionAt(decoded.text, decoded.offset));
  }
  const text = decoded;
  if (text.trim() === '') {
    return fail('empty_file', 'the file is empty', 'Add a Connection or Sync document, or delete the file.');
  }
  const lineCount = countLines(text);
  if (lineCount > MAX_LINES) {
    return fail('too_many_lines', `the file has ${lineCount} lines, more than the ${MAX_LINES} a definition file may have`, 'Split the definitions into several files.', MAX_LINES + 1, 1);
  }
  const deep = findExcessiveNesting(text);
  if (deep >= 0) {
    return fail('nesting_too_deep', 'brackets are nested deeper than a definition ever needs', 'Check for unclosed or runaway [ and { brackets.', ...positionAt(text, deep));
  }

  const { LineCounter, parseAllDocuments, isScalar } = yamlLib();
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: lines });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const documents: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    const yamlErrors = doc.errors.slice(0, MAX_YAML_ERRORS_PER_DOC).map((e) => yamlErrorProblem(file, e, at));
    problems.push(...dedupe(yamlErrors));
    for (const w of doc.warnings) {
      // Unknown tags are reported (as errors) by the node checks below.
      if (w.code === 'TAG_RESOLVE_FAILED') continue;
      problems.push({ severity: 'warning', code: 'yaml_warning', message: w.message, file, ...at(w.pos[0]), cause: { code: w.code, message: w.message } });
    }
    // An empty document (between separators, or only comments) defines nothing: skip it.
    if (doc.errors.length === 0 && (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.tag))) return;
    const { findings, aliases } = checkDocumentNodes(doc);
    for (const f of findings.slice(0, MAX_NODE_FINDINGS_PER_DOC)) problems.push({ severity: 'error', code: f.code, message: f.message, hint: f.hint, file, ...at(f.code === 'unsupported_tag' ? tagStart(text, f.offset) : f.offset) });
    let clean = doc.errors.length === 0 && findings.length === 0;
    let value: unknown = undefined;
    if (clean) {
      try {
        value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        clean = false;
        problems.push(aliasProblem(file, err, doc, aliases, at));
      }
    }
    if (clean && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      clean = false;
      problems.push({
        severity: 'error',
        code: 'document_not_mapping',
        message: `a document must be a mapping (apiVersion, kind, name, …), got ${Array.isArray(value) ? 'a list' : `a ${value === null ? 'null' : typeof value} value`}`,
        hint: 'Start the document with `apiVersion: syncctl/v1` and `kind: Connection` or `kind: Sync`.',
        file,
        ...at(doc.contents?.range?.[0] ?? 0),
      });
    }
    documents.push({ file, index, doc, lines, start: doc.contents?.range?.[0] ?? 0, value, clean });
  });
  if (documents.length === 0 && problems.every((p) => p.severity !== 'error')) {
    problems.push({ severity: 'error', code: 'no_documents', message: 'the file holds no definitions, only comments or empty documents', hint: 'Add a Connection or Sync document, or delete the file.', file, line: 1, column: 1 });
  }
  return { file, documents, problems };
}

/** The problem for a file over MAX_FILE_BYTES (also used without reading the file). */
export function tooLargeProblem(file: string, bytes: number): Problem {
  return {
    severity: 'error',
    code: 'file_too_large',
    message: `the file is ${formatBytes(bytes)}, more than the 1 MiB a definition file may have`,
    hint: 'Split the definitions into several files, or check that this is the file you meant to put here.',
    file,
    line: 1,
    column: 1,
  };
}

type Decoded = string | { code: 'binary_file' | 'invalid_encoding'; message: string; text: string; offset: number };

function decode(content: string | Buffer): Decoded {
  if (typeof content === 'string') {
    const nul = content.indexOf('\u0000');
    if (nul >= 0) return { code: 'binary_file', message: 'the file holds a NUL character: it is binary (or UTF-16), not a YAML text file', text: content, offset: nul };
    return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  }
  const nul = content.indexOf(0);
  if (nul >= 0) {
    const before = content.subarray(0, nul).toString('latin1');
    return { code: 'binary_file', message: 'the file holds NUL bytes: it is binary (or UTF-16), not a YAML text file', text: before, offset: nul };
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { code: 'invalid_encoding', message: 'the file is not valid UTF-8 text', text: '', offset: 0 };
  }
}

/** A node's range starts after its tag; the problem belongs on the tag (`!foo value` → the `!`). */
function tagStart(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let bang = text.lastIndexOf('!', offset - 1);
  if (bang < lineStart) return offset;
  while (bang > lineStart && text[bang - 1] === '!') bang--;
  return bang;
}

/** 1-based line and column of `offset` in `text`, as a tuple for the `fail` helper. */
function positionAt(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

function yamlErrorProblem(file: string, e: YAMLError, at: (offset: number) => { line: number; column: number }): Problem {
  const cause = { code: e.code, message: e.message };
  const base = { severity: 'error' as const, file, ...at(e.pos[0]), cause };
  switch (e.code) {
    case 'DUPLICATE_KEY':
      return { ...base, code: 'duplicate_key', message: 'this key appears twice in the same mapping', hint: 'Remove or merge one of them: YAML would silently keep only one value.' };
    case 'TAB_AS_INDENT':
      return { ...base, code: 'tab_indentation', message: 'tabs are not allowed as indentation in YAML', hint: 'Indent with spaces (two per level is usual).' };
    case 'RESOURCE_EXHAUSTION':
      return { ...base, code: 'nesting_too_deep', message: 'the document is nested too deeply to parse', hint: 'Check for runaway brackets or indentation.' };
    default:
      return { ...base, code: 'yaml_syntax', message: `invalid YAML: ${lowerFirst(e.message)}`, hint: YAML_HINTS[e.code] ?? 'Fix the YAML syntax at this position; quote values that contain special characters.' };
  }
}

function aliasProblem(file: string, err: unknown, doc: ParsedDocument['doc'], aliases: Node[], at: (offset: number) => { line: number; column: number }): Problem {
  const message = err instanceof Error ? err.message : String(err);
  const unresolved = /Unresolved alias/i.test(message);
  const culprit = unresolved ? aliases.find((a) => yamlLib().isAlias(a) && a.resolve(doc) === undefined) : aliases[0];
  const position = at(culprit?.range?.[0] ?? doc.contents?.range?.[0] ?? 0);
  if (unresolved) {
    return { severity: 'error', code: 'unresolved_alias', message: 'this alias refers to an anchor that is not defined before it', hint: 'Define the anchor (&name) above its first use (*name), in the same document.', file, ...position, cause: { message } };
  }
  return { severity: 'error', code: 'alias_limit_exceeded', message: 'aliases expand to too much data (a "billion laughs" alias bomb)', hint: `Use fewer aliases: a node may be repeated at most ${MAX_ALIAS_COUNT} times.`, file, ...position, cause: { message } };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function countLines(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
