import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputTarget } from '../../src/util/output-target.js';

const tmp = mkdtempSync(join(tmpdir(), 'syncctl-output-target-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('outputTarget', () => {
  it('replaces a new or regular file, keeping the mode of the one it replaces', () => {
    expect(outputTarget(join(tmp, 'new.csv'))).toEqual({ kind: 'replace', path: join(tmp, 'new.csv') });
    writeFileSync(join(tmp, 'old.csv'), 'x');
    chmodSync(join(tmp, 'old.csv'), 0o640);
    expect(outputTarget(join(tmp, 'old.csv'))).toEqual({ kind: 'replace', path: join(tmp, 'old.csv'), mode: 0o640 });
  });

  it('follows symlinks to the file they lead to, relative to the link, dangling or not', () => {
    mkdirSync(join(tmp, 'real'));
    writeFileSync(join(tmp, 'real', 'plan.json'), '{}');
    symlinkSync('real/plan.json', join(tmp, 'link.json'));
    symlinkSync('link.json', join(tmp, 'link-to-link.json'));
    symlinkSync('real/not-yet.json', join(tmp, 'dangling.json'));
    expect(outputTarget(join(tmp, 'link-to-link.json'))).toMatchObject({ kind: 'replace', path: join(tmp, 'real', 'plan.json') });
    expect(outputTarget(join(tmp, 'dangling.json'))).toEqual({ kind: 'replace', path: join(tmp, 'real', 'not-yet.json') });
  });

  it('resolves a relative link from the directory it really is in, when that one is reached through a link', () => {
    mkdirSync(join(tmp, 'store', 'sub'), { recursive: true });
    mkdirSync(join(tmp, 'store', 'plans'));
    symlinkSync('store/sub', join(tmp, 'out'));
    symlinkSync('../plans/p.json', join(tmp, 'store', 'sub', 'plan.json'));
    expect(outputTarget(join(tmp, 'out', 'plan.json'))).toEqual({ kind: 'replace', path: join(tmp, 'store', 'plans', 'p.json') });
  });

  it('writes devices and FIFOs in place', () => {
    expect(outputTarget('/dev/null')).toEqual({ kind: 'in-place', path: '/dev/null' });
    // A link to an open file, whatever that is (a pipe's link reads "pipe:[…]", not a path).
    expect(outputTarget('/dev/stdout')).toEqual({ kind: 'in-place', path: '/dev/stdout' });
    execFileSync('mkfifo', [join(tmp, 'pipe')]);
    expect(outputTarget(join(tmp, 'pipe'))).toEqual({ kind: 'in-place', path: join(tmp, 'pipe') });
  });

  it('refuses a directory (EISDIR) and a symlink loop (ELOOP)', () => {
    expect(() => outputTarget(tmp)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    symlinkSync('loop-b', join(tmp, 'loop-a'));
    symlinkSync('loop-a', join(tmp, 'loop-b'));
    expect(() => outputTarget(join(tmp, 'loop-a'))).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });
});
