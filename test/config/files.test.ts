import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinitions, readSourcesAtGitRef } from '../../src/config/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { connection, sync, yamlOf } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'syncctl-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(root: string, files: Record<string, string>): string {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

describe('loadDefinitions', () => {
  it('reads *.yaml and *.yml recursively in sorted order, skipping dot-files, dot-dirs and other files', async () => {
    const dir = tree(path.join(tmp, 'a'), {
      'z.yml': yamlOf(connection('shop')),
      'b/crm.yaml': yamlOf(connection('crm')),
      'b/sync.YAML': yamlOf(sync('s')),
      '.hidden.yaml': 'not: [valid',
      '.git/x.yaml': 'not: [valid',
      'README.md': '# not a definition',
    });
    const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([path.join(dir, 'b/crm.yaml'), path.join(dir, 'b/sync.YAML'), path.join(dir, 'z.yml')]);
    expect(Object.keys(result.desired.syncs)).toEqual(['s']);
    expect(result.desired.connections.crm?.baseDir).toBe(path.join(dir, 'b'));
  });

  it('keeps a relative directory relative in file names and problems', async () => {
    const dir = tree(path.join(tmp, 'rel'), { 'c.yaml': 'apiVersion: syncctl/v1\nkind: Connection\nname: crm\nconnector: sqlite\noptions: { path: x.db, pth: y }\n' });
    const relative = path.relative(process.cwd(), dir);
    const result = await loadDefinitions(relative, { phase: 'validate', env: {} });
    expect(result.files).toEqual([path.join(relative, 'c.yaml')]);
    expect(result.problems[0]).toMatchObject({ file: path.join(relative, 'c.yaml'), line: 5, column: 24, code: 'unknown_property' });
    expect(result.problems[0]?.hint).toContain('did you mean `path`?');
  });

  // /proc/self/mem is a file whose read fails (EIO) even for root, who may read any mode.
  it.skipIf(process.platform !== 'linux')('reads more files than it reads at once, keeps their order, and names a file that cannot be read', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`c${String(i).padStart(2, '0')}.yaml`] = yamlOf(connection(`app-${i}`));
    const dir = tree(path.join(tmp, 'many'), files);
    symlinkSync('/proc/self/mem', path.join(dir, 'c17x.yaml'));
    const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'file_unreadable', file: path.join(dir, 'c17x.yaml') })]);
    expect(Object.keys(result.desired.connections).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `app-${i}`).sort());
    expect(result.files).toEqual([...Object.keys(files).slice(0, 18), 'c17x.yaml', ...Object.keys(files).slice(18)].map((f) => path.join(dir, f)));
  });

  // A path longer than PATH_MAX cannot be listed, not even by root (for whom modes change nothing).
  it.skipIf(process.platform !== 'linux')('names a directory inside that cannot be read as an error, and still reads the rest', async () => {
    const dir = tree(path.join(tmp, 'deep'), { 'crm.yaml': yamlOf(connection('crm')) });
    const segment = 'd'.repeat(200);
    execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 1 25); do mkdir "$2" && cd "$2"; done`, 'bash', dir, segment]);
    try {
      const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
      expect(result.ok).toBe(false);
      expect(Object.keys(result.desired.connections)).toEqual(['crm']);
      expect(result.problems).toEqual([
        expect.objectContaining({ severity: 'error', code: 'definitions_dir_unreadable', message: expect.stringContaining('inside the definitions directory'), cause: expect.objectContaining({ code: 'ENAMETOOLONG' }) }),
      ]);
    } finally {
      // rm walks down directory by directory; Node's rmSync would hit the same length limit.
      execFileSync('rm', ['-rf', path.join(dir, segment)]);
    }
  });

  it('follows symlinked files, as in a Kubernetes ConfigMap mount', async () => {
    const dir = tree(path.join(tmp, 'cm'), { '..data/crm.yaml': yamlOf(connection('crm')) });
    symlinkSync('..data/crm.yaml', path.join(dir, 'crm.yaml'));
    const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
    expect(result.files).toEqual([path.join(dir, 'crm.yaml')]);
    expect(Object.keys(result.desired.connections)).toEqual(['crm']);
  });

  it('follows symlinked directories once (a loop ends), and says which symlinks lead nowhere', async () => {
    const dir = tree(path.join(tmp, 'links'), { 'real/crm.yaml': yamlOf(connection('crm')), 'real/sync.yaml': yamlOf(connection('shop'), sync('s')) });
    symlinkSync('real', path.join(dir, 'alias'));
    symlinkSync('..', path.join(dir, 'real', 'loop'));
    symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    symlinkSync('missing-dir', path.join(dir, 'dangling-dir'));
    symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    symlinkSync('self-dir', path.join(dir, 'self-dir'));
    const result = await loadDefinitions(dir, { phase: 'validate', env: {} });
    // A definition's name pointing nowhere is a warning; a looping one cannot be read (an error);
    // a loop under another name is skipped with a warning; other links to nothing, silently.
    expect(result.problems.map((p) => [p.severity, p.code, path.basename(p.file ?? '')]).sort()).toEqual([
      ['error', 'file_unreadable', 'self.yaml'],
      ['warning', 'definition_link_dangling', 'dangling.yaml'],
      ['warning', 'entry_unreadable', 'self-dir'],
    ]);
    // `alias` and `real` are one directory, read once (under the name met first).
    expect(result.files).toEqual([path.join(dir, 'alias/crm.yaml'), path.join(dir, 'alias/sync.yaml')]);
    expect(Object.keys(result.desired.syncs)).toEqual(['s']);
  });

  it('an empty directory is the error no_definitions', async () => {
    const dir = tree(path.join(tmp, 'empty'), { 'notes.txt': 'x' });
    const result = await loadDefinitions(dir, { phase: 'validate' });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'no_definitions', severity: 'error', file: dir })]);
  });

  it('a missing directory is a problem, not an exception', async () => {
    const result = await loadDefinitions(path.join(tmp, 'nope'), { phase: 'validate' });
    expect(result.problems.map((p) => p.code)).toEqual(['definitions_dir_unreadable']);
    expect(result.problems[0]?.cause?.code).toBe('ENOENT');
  });
});

describe('readSourcesAtGitRef', () => {
  const repo = path.join(tmp, 'repo');
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  tree(repo, { 'syncs/crm.yaml': yamlOf(connection('crm')), 'syncs/team/s.yml': yamlOf(sync('s')), 'syncs/.draft.yaml': 'x', 'syncs/notes.md': '#', 'other/x.yaml': 'y: 1' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('tag', 'base');
  // The working tree moves on; the ref must still give the committed content.
  writeFileSync(path.join(repo, 'syncs/crm.yaml'), yamlOf(connection('changed')));

  it('reads the definition files at the ref, relative to cwd', async () => {
    const sources = await readSourcesAtGitRef('base', 'syncs', repo);
    expect(sources.map((s) => s.file)).toEqual(['syncs/crm.yaml', 'syncs/team/s.yml']);
    expect(sources[0]?.content.toString()).toContain('name: crm');
  });

  it('an absolute directory works too', async () => {
    const sources = await readSourcesAtGitRef('base', path.join(repo, 'syncs'), repo);
    expect(sources.map((s) => s.file)).toEqual(['syncs/crm.yaml', 'syncs/team/s.yml']);
  });

  it('paths are relative to a cwd inside the repository', async () => {
    const sources = await readSourcesAtGitRef('HEAD', '.', path.join(repo, 'syncs'));
    expect(sources.map((s) => s.file)).toEqual(['crm.yaml', 'team/s.yml']);
  });

  it('a missing ref or directory is a SyncctlError git_ref_unreadable', async () => {
    for (const [ref, dir, reason] of [['no-such-ref', 'syncs', 'ref_missing'], ['base', 'missing-dir', 'dir_missing'], ['--output=x', 'syncs', 'bad_ref']]) {
      const err = await readSourcesAtGitRef(ref as string, dir as string, repo).catch((e: unknown) => e);
      expect(isSyncctlError(err, 'git_ref_unreadable'), String(err)).toBe(true);
      expect((err as { meta: { reason: string } }).meta.reason).toBe(reason);
      expect((err as Error).message).toContain(ref === '--output=x' ? 'not a git ref' : (ref as string));
    }
  });
});
