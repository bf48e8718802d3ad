import type { Node } from 'yaml';
import type { ParsedDocument } from './parsed-document.js';
import { yamlLib } from './yaml-lib.js';

/** A 1-based source position. */
export interface Position {
  line: number;
  column: number;
}

/** Splits a JSON pointer (`/objects/0/direction`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a JSON pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A pointer as people read it: `objects[0].direction`. */
export function readablePath(pointer: string): string {
  let out = '';
  for (const seg of pointerSegments(pointer)) {
    out += /^[0-9]+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  }
  return out === '' ? 'the document' : out;
}

/**
 * The source position of the node at `pointer`. With `atKey`, the position of the key that
 * holds it (where an unknown property should be underlined). When the path leaves the
 * source (a key that came from a merge, or a missing node), the deepest node found is used.
 */
export function positionOf(pd: ParsedDocument, pointer: string, atKey = false): Position {
  const offset = offsetOf(pd, pointerSegments(pointer), atKey);
  const pos = pd.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function offsetOf(pd: ParsedDocument, segments: string[], atKey: boolean): number {
  // The whole document: where its contents start.
  if (segments.length === 0) return pd.start;
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  let node: Node | null = pd.doc.contents;
  let keyNode: Node | null = null;
  let lastOffset = pd.start;
  for (const seg of segments) {
    if (isAlias(node)) node = (node.resolve(pd.doc) as Node | undefined) ?? null;
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return lastOffset;
      keyNode = pair.key as Node;
      next = (pair.value as Node | null) ?? null;
      // An empty value (`key:` and nothing) has no useful range of its own: point at the key.
      lastOffset = (next && !(isScalar(next) && next.value === null) ? next.range?.[0] : undefined) ?? keyNode.range?.[0] ?? lastOffset;
    } else if (isSeq(node)) {
      next = node.items[Number(seg)] as Node | undefined;
      if (!next) return lastOffset;
      keyNode = null;
      lastOffset = next.range?.[0] ?? lastOffset;
    } else {
      return lastOffset;
    }
    node = next ?? null;
  }
  if (atKey && keyNode) return keyNode.range?.[0] ?? lastOffset;
  return lastOffset;
}
