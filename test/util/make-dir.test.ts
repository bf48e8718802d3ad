import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/util/make-dir.js';

const tmp = mkdtempSync(join(tmpdir(), 'syncctl-make-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('makeDirectory', () => {
  it('makes a directory and its missing parents, and accepts one that exists', () => {
    const deep = join(tmp, 'a', 'b', 'c');
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirectory(deep);
    makeDirectory(join(tmp, 'a'));
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it('fails with ENOTDIR where a file or a dangling symlink is in the way', () => {
    writeFileSync(join(tmp, 'file'), 'x');
    expect(() => makeDirectory(join(tmp, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeDirectory(join(tmp, 'file'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    // A symlink to nothing is in the way too: mkdir says EEXIST, and there is still no directory.
    symlinkSync('nowhere', join(tmp, 'dangling'));
    expect(() => makeDirectory(join(tmp, 'dangling'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  // Node's mkdirSync(…, { recursive: true }) never returns here.
  it.skipIf(process.platform !== 'linux')('fails with ENOENT under /proc instead of retrying forever', () => {
    expect(() => makeDirectory('/proc/no-such-dir/sub')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
