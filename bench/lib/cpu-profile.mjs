// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per
// function and per file, the way a flame graph's bottom row would.
import { readFileSync } from 'node:fs';

function where(frame) {
  const path = frame.url.replace(/^file:\/\//, '');
  // Packages by name (node_modules/yaml/dist/… is yaml's, not syncctl's dist/).
  const file = !path ? '(native)' : path.includes('/node_modules/') ? path.slice(path.lastIndexOf('/node_modules/') + 1) : path.replace(/^.*\/(dist|bench)\//, '$1/');
  return { fn: frame.functionName || '(anonymous)', file, line: frame.lineNumber + 1 };
}

// syncctl's layers, by where their built code lives. A sample counts for the innermost syncctl
// frame on its stack, so SQLite's native work counts for the layer that called it.
const LAYERS = [
  ['state store (record index)', '/dist/store/'],
  ['SQLite connector', '/dist/connectors/'],
  ['engine', '/dist/engine/'],
  ['config, plan, CLI', '/dist/'],
  ['bench harness', '/bench/'],
];

function layerOf(nodes, parents, id) {
  for (let at = id; at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at).callFrame;
    if (frame.functionName === '(garbage collector)') return 'garbage collection';
    if (frame.url.includes('/node_modules/')) continue;
    const hit = LAYERS.find(([, marker]) => frame.url.includes(marker));
    if (hit) return hit[0];
  }
  return 'other (node start-up, module loading, idle)';
}

/** Top `limit` functions and files by self time, and time per syncctl layer, in ms. */
export function summarizeProfile(path, limit = 25) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parents = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const byFn = new Map();
  const byFile = new Map();
  const byLayer = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const layer = layerOf(nodes, parents, id);
    byLayer.set(layer, (byLayer.get(layer) ?? 0) + us);
    const w = where(nodes.get(id).callFrame);
    const key = `${w.fn} ${w.file}:${w.line}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    byFile.set(w.file, (byFile.get(w.file) ?? 0) + us);
    total += us;
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / total }));
  return { totalMs: Math.round(total / 1000), layers: top(byLayer), functions: top(byFn), files: top(byFile) };
}
