// A strict parser of the Prometheus text exposition format (version 0.0.4), for tests.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? (\\S+)(?: (-?\\d+))?$`);
const SUFFIXES: Record<Family['type'], readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** Parses exposition text; throws on the first line that breaks the format. */
export function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text.split('\n').slice(0, -1).forEach((line, i) => {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
      if (!m) {
        if (/^# (HELP|TYPE)/.test(line)) throw new Error(`malformed ${where}`);
        return;
      }
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      const family = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      if (kind === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`unknown type in ${where}`);
        if (family.samples.length > 0) throw new Error(`TYPE after samples in ${where}`);
        family.type = rest as Family['type'];
      } else {
        family.help = rest;
      }
      families.set(name, family);
      return;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`malformed sample at ${where}`);
    const name = m[1] as string;
    const value = parseValue(m[m.length - 2] as string, where);
    const labels: Record<string, string> = {};
    for (const lm of (m[2] ?? '').matchAll(new RegExp(LABEL, 'g'))) {
      const key = lm[1] as string;
      if (key in labels) throw new Error(`duplicate label ${key} at ${where}`);
      labels[key] = (lm[2] as string).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const family = [...families.values()].find((f) => SUFFIXES[f.type].some((s) => `${f.name}${s}` === name));
    if (!family) throw new Error(`sample without a TYPE at ${where}`);
    family.samples.push({ name, labels, value });
  });
  return families;
}

function parseValue(text: string, where: string): number {
  // As Prometheus reads them (Go's ParseFloat): special values in any letter case.
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value at ${where}`);
  return Number(text);
}
