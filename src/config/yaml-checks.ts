import type { Document, Node } from 'yaml';
import { MAX_NESTING } from './nesting-scan.js';
import { yamlLib } from './yaml-lib.js';

/** The tags of YAML 1.2's core schema; anything else (custom `!foo`, `!!binary`, …) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** A structural finding in a parsed YAML document, located by source offset. */
export interface YamlFinding {
  code: 'nesting_too_deep' | 'unsupported_tag' | 'non_string_key' | 'duplicate_key';
  offset: number;
  message: string;
  hint: string;
}

interface Frame {
  node: Node;
  depth: number;
}

/**
 * Walks a document's nodes without recursion and reports what definitions never need but
 * the YAML spec allows: very deep nesting, custom tags, keys that are not strings.
 * Also returns the alias nodes, in source order, to place alias problems.
 */
export function checkDocumentNodes(doc: Document.Parsed): { findings: YamlFinding[]; aliases: Node[] } {
  const { isAlias, isCollection, isMap, isPair, isScalar } = yamlLib();
  const findings: YamlFinding[] = [];
  const aliases: Node[] = [];
  if (!doc.contents) return { findings, aliases };
  const stack: Frame[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as Frame;
    const offset = node.range?.[0] ?? 0;
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      findings.push({
        code: 'unsupported_tag',
        offset,
        message: `the YAML tag \`${node.tag.replace('tag:yaml.org,2002:', '!!')}\` is not supported`,
        hint: 'Remove the tag: definitions are plain strings, numbers, booleans, lists and mappings.',
      });
    }
    if (isAlias(node)) {
      aliases.push(node);
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth > MAX_NESTING) {
      findings.push({
        code: 'nesting_too_deep',
        offset,
        message: `collections are nested more than ${MAX_NESTING} levels deep`,
        hint: 'A definition needs only a few levels of nesting; check for runaway brackets or indentation.',
      });
      continue;
    }
    const children: Node[] = [];
    const keys = new Set<string>();
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (isScalar(key) && typeof key.value === 'string') {
          if (keys.has(key.value)) {
            findings.push({ code: 'duplicate_key', offset: key.range?.[0] ?? offset, message: `the key \`${key.value}\` appears twice in the same mapping`, hint: 'Remove or merge one of them: YAML would silently keep only one value.' });
          }
          keys.add(key.value);
        }
        // A merge key (`<<`) parses as a symbol; it is a string key as written.
        if (isMap(node) && !(isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'symbol'))) {
          findings.push({
            code: 'non_string_key',
            offset: key?.range?.[0] ?? offset,
            message: `mapping keys must be strings, got ${describeKey(key)}`,
            hint: 'Quote the key (e.g. "1": …) or use a property name.',
          });
        }
        if (key && isCollection(key)) children.push(key);
        if (item.value) children.push(item.value as Node);
      } else if (item) {
        children.push(item as Node);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, depth: depth + 1 });
  }
  findings.sort((a, b) => a.offset - b.offset);
  aliases.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { findings, aliases };
}

function describeKey(key: Node | null): string {
  const { isAlias, isMap, isScalar } = yamlLib();
  if (key === null || (isScalar(key) && key.value === null)) return 'an empty key';
  if (isScalar(key)) return `a ${typeof key.value} key`;
  if (isAlias(key)) return 'an alias as key';
  return isMap(key) ? 'a mapping as key' : 'a list as key';
}
