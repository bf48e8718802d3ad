import { expect } from 'vitest';
import { stringify } from 'yaml';
import { loadDefinitionsFromSources, PROBLEM_CODES, type LoadOptions, type LoadResult, type Problem, type SourceFile } from '../../src/config/index.js';

/** A plain, mutable copy of a definition document. */
export type Doc = Record<string, unknown>;

export function connection(name: string, options: Doc = { path: `./${name}.db` }, connector = 'sqlite'): Doc {
  return { apiVersion: 'syncctl/v1', kind: 'Connection', name, connector, options };
}

export function sync(name: string, extra: Doc = {}): Doc {
  return { apiVersion: 'syncctl/v1', kind: 'Sync', name, hub: 'crm', app: 'shop', objects: [{ hub: 'contacts', app: 'customers' }], ...extra };
}

/** Several documents as one YAML file. */
export function yamlOf(...docs: Doc[]): string {
  return docs.map((d) => stringify(d)).join('---\n');
}

/** Runs the pipeline and checks what every result must satisfy: codes are catalogued, ok matches the problems. */
export function load(sources: SourceFile[] | string, options: Partial<LoadOptions> & { baseDir?: string } = {}): LoadResult {
  const list = typeof sources === 'string' ? [{ file: 'syncs/test.yaml', content: sources }] : sources;
  const result = loadDefinitionsFromSources(list, { phase: 'validate', env: {}, ...options });
  for (const p of result.problems) expect(Object.keys(PROBLEM_CODES), `code ${p.code} is catalogued`).toContain(p.code);
  expect(result.ok).toBe(!result.problems.some((p) => p.severity === 'error'));
  return result;
}

/** The connections crm and shop plus the given documents, each in its own file. */
export function withConnections(...docs: Doc[]): SourceFile[] {
  return [
    { file: 'syncs/connections.yaml', content: yamlOf(connection('crm'), connection('shop')) },
    ...docs.map((d, i) => ({ file: `syncs/doc-${i}.yaml`, content: yamlOf(d) })),
  ];
}

export function errors(result: LoadResult): Problem[] {
  return result.problems.filter((p) => p.severity === 'error');
}

export function codes(result: LoadResult): string[] {
  return result.problems.map((p) => p.code);
}

/** The problem with `code`, failing the test when there is none. */
export function problem(result: LoadResult, code: string): Problem {
  const found = result.problems.find((p) => p.code === code);
  expect(found, `expected a ${code} problem, got ${JSON.stringify(result.problems, null, 1)}`).toBeDefined();
  return found as Problem;
}
