import { execFile } from 'node:child_process';
import { SyncctlError } from '../errors/syncctl-error.js';
import type { SourceFile } from './load-types.js';

const DEFINITION_FILE = /\.ya?ml$/i;

function git(args: string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: stderr.toString('utf8').trim() }));
      else resolve(stdout);
    });
  });
}

/**
 * The definition files under `dir` as they are at git `ref` (what `plan --base` diffs against),
 * with paths relative to `cwd` like those read from the working tree.
 */
export async function readSourcesAtGitRef(ref: string, dir: string, cwd: string = process.cwd()): Promise<SourceFile[]> {
  const fail = (message: string, reason: string, cause?: unknown): SyncctlError =>
    new SyncctlError('git_ref_unreadable', message, {
      hint: reason === 'dir_missing' ? `Check that ${dir} exists at ${ref} (git ls-tree ${ref} -- ${dir}).` : `Check that ${ref} exists here: in CI, fetch it first (e.g. git fetch origin main, or checkout with fetch-depth: 0).`,
      meta: { ref, dir, reason, ...(cause && typeof cause === 'object' && 'stderr' in cause ? { stderr: String(cause.stderr) } : {}) },
      cause,
    });
  // A ref starting with a dash would be read by git as an option.
  if (ref === '' || ref.startsWith('-')) throw fail(`"${ref}" is not a git ref`, 'bad_ref');
  let listing: Buffer;
  try {
    await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
    listing = await git(['ls-tree', '-r', '-z', '--name-only', ref, '--', dir], cwd);
  } catch (err) {
    throw fail(`cannot read git ref ${ref}`, 'ref_missing', err);
  }
  const paths = listing
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '' && DEFINITION_FILE.test(p) && !p.split('/').some((seg) => seg.startsWith('.')))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (paths.length === 0) throw fail(`${dir} holds no definition files at git ref ${ref}`, 'dir_missing');
  const sources: SourceFile[] = [];
  for (const file of paths) {
    try {
      // `REF:./path` reads the path relative to cwd, as ls-tree printed it.
      sources.push({ file, content: await git(['show', `${ref}:./${file}`], cwd) });
    } catch (err) {
      throw fail(`cannot read ${file} at git ref ${ref}`, 'file_unreadable', err);
    }
  }
  return sources;
}
