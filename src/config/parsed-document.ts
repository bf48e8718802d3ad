import type { Document, LineCounter } from 'yaml';
import type { Problem } from './problem.js';

/** One YAML document of a definition file, with what is needed to point back into the source. */
export interface ParsedDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** The yaml package's syntax tree, with positions. */
  readonly doc: Document.Parsed;
  lines: LineCounter;
  /** Offset where the document's contents start: where a problem about the whole document points. */
  start: number;
  /** The document as plain data; only meaningful when `clean`. */
  value: unknown;
  /** No YAML-level error: safe to validate. */
  clean: boolean;
}

/** What parsing one file produced. */
export interface ParsedFile {
  file: string;
  documents: ParsedDocument[];
  problems: Problem[];
}
