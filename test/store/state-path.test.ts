import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { DEFAULT_STATE_PATH, openStateStore, resolveStatePath } from '../../src/store/index.js';
import { tempDir } from './helpers.js';

describe('resolveStatePath', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('defaults to ./.syncctl/state.db under cwd and creates .syncctl/', () => {
    expect(DEFAULT_STATE_PATH).toBe('.syncctl/state.db');
    expect(resolveStatePath(undefined, {}, dir)).toBe(join(dir, '.syncctl', 'state.db'));
    expect(statSync(join(dir, '.syncctl')).isDirectory()).toBe(true);
    expect(existsSync(join(dir, '.syncctl', 'state.db'))).toBe(false);
  });

  it('takes SYNCCTL_STATE over the default, and --state over both', () => {
    const env = { SYNCCTL_STATE: 'env/dir/env.db' };
    expect(resolveStatePath(undefined, env, dir)).toBe(join(dir, 'env', 'dir', 'env.db'));
    expect(resolveStatePath('flag/flag.db', env, dir)).toBe(join(dir, 'flag', 'flag.db'));
    expect(statSync(join(dir, 'flag')).isDirectory()).toBe(true);
  });

  it('keeps absolute paths and treats empty values as unset', () => {
    const absolute = join(dir, 'abs', 'state.db');
    expect(resolveStatePath(absolute, {}, '/elsewhere')).toBe(absolute);
    expect(resolveStatePath('', { SYNCCTL_STATE: '  ' }, dir)).toBe(join(dir, '.syncctl', 'state.db'));
  });

  it('refuses a directory, naming the setting that pointed there', () => {
    mkdirSync(join(dir, 'somedir'));
    try {
      resolveStatePath(undefined, { SYNCCTL_STATE: 'somedir' }, dir);
      expect.fail('expected an error');
    } catch (err) {
      expect(isSyncctlError(err, 'state_path_unusable')).toBe(true);
      expect((err as Error).message).toMatch(/somedir.*SYNCCTL_STATE.*directory/);
    }
  });

  it('explains when the parent directory cannot be created', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    try {
      resolveStatePath('a-file/state.db', {}, dir);
      expect.fail('expected an error');
    } catch (err) {
      expect(isSyncctlError(err, 'state_path_unusable')).toBe(true);
      expect((err as Error).message).toContain('--state');
    }
  });

  it('passes :memory: through for throwaway stores', async () => {
    expect(resolveStatePath(':memory:', {}, dir)).toBe(':memory:');
    const store = await openStateStore(':memory:');
    expect((await store.getApplied()).revision).toBe(0);
    await store.close();
  });

  it('gives openStateStore a path it can create the file at', async () => {
    const path = resolveStatePath(undefined, { SYNCCTL_STATE: 'deep/er/state.db' }, dir);
    const store = await openStateStore(path);
    expect(store.location).toBe(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });
});
