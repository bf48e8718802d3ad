import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError, type SyncctlError } from '../../src/errors/syncctl-error.js';
import { checkPlanFresh, readPlanFile, renderJson, writePlanFile } from '../../src/plan/index.js';
import type { Plan } from '../../src/reconcile/types.js';
import { deletePlan, showcasePlan } from './showcase.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'syncctl-saved-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function caught(fn: () => unknown): SyncctlError {
  try {
    fn();
  } catch (error) {
    if (isSyncctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

function writeRaw(content: string): string {
  const path = join(dir, 'plan.json');
  writeFileSync(path, content);
  return path;
}

describe('saved plans', () => {
  it('read back as the plan that was written', () => {
    const path = join(dir, 'nested', 'plan.json');
    for (const plan of [showcasePlan(), deletePlan()]) {
      writePlanFile(path, plan);
      expect(readPlanFile(path)).toEqual(JSON.parse(renderJson(plan)));
      expect(readPlanFile(path).summary).toEqual(plan.summary);
    }
  });

  it.each([
    ['a missing file', null, /does not exist/],
    ['not JSON', '{"formatVersion": 1,', /not valid JSON/],
    ['no formatVersion', '{"steps": []}', /has no formatVersion/],
    ['a newer formatVersion', '{"formatVersion": 2, "steps": []}', /formatVersion is 2, and this syncctl reads only formatVersion 1/],
    ['no steps', JSON.stringify({ ...showcasePlan(), steps: undefined }), /steps is missing or not a list/],
    ['an unknown step kind', JSON.stringify({ ...showcasePlan(), steps: [{ kind: 'replace', resource: 'sync', name: 'x' }] }), /steps\[0\] has an unknown kind "replace"/],
    ['a step without its definition', JSON.stringify({ ...showcasePlan(), steps: [{ kind: 'create', resource: 'sync', name: 'x', forces: { kind: 'none' } }] }), /steps\[0\] has no after definition named x/],
    ['an orphaned connection', JSON.stringify({ ...showcasePlan(), steps: [{ kind: 'orphan', resource: 'connection', name: 'x', forces: { kind: 'none' } }] }), /resource "connection", which a orphan step cannot have/],
  ])('are refused with plan_unreadable when given %s', (_what, content, message) => {
    const path = content === null ? join(dir, 'absent.json') : writeRaw(content);
    const error = caught(() => readPlanFile(path));
    expect(error.code).toBe('plan_unreadable');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/syncctl plan/);
  });
});

describe('checkPlanFresh', () => {
  const plan: Plan = showcasePlan();

  it('accepts a plan made at the current revision from the current files', () => {
    expect(() => checkPlanFresh(plan, { stateRevision: 3, desiredHash: 'sha256:desired' })).not.toThrow();
  });

  it('refuses a plan when state was applied since', () => {
    const error = caught(() => checkPlanFresh(plan, { stateRevision: 4, desiredHash: 'sha256:desired' }));
    expect(error.code).toBe('stale_plan');
    expect(error.message).toBe('The saved plan is stale: the state was applied since (revision 3 then, 4 now). Nothing was applied.');
    expect(error.hint).toMatch(/Run `syncctl plan --out <file>` again/);
    expect(error.meta).toMatchObject({ planRevision: 3, stateRevision: 4 });
  });

  it('refuses a plan when the files changed since', () => {
    const error = caught(() => checkPlanFresh(plan, { stateRevision: 3, desiredHash: 'sha256:other' }));
    expect(error.message).toBe('The saved plan is stale: the definition files changed since. Nothing was applied.');
  });

  it('names both reasons when both changed', () => {
    const error = caught(() => checkPlanFresh(plan, { stateRevision: 9, desiredHash: 'sha256:other' }));
    expect(error.message).toMatch(/applied since \(revision 3 then, 9 now\); and the definition files changed since/);
  });

  it('refuses a plan made against a git ref when applying to a state store', () => {
    const based: Plan = { ...plan, stateRevision: null, options: { allowDelete: false, base: 'origin/main' } };
    const error = caught(() => checkPlanFresh(based, { stateRevision: 3, desiredHash: 'sha256:desired' }));
    expect(error.message).toMatch(/made against the files at origin\/main, not against the state store/);
  });
});
