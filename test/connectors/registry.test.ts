// The connector registry: what exists, what is only announced, and which options are secret.
import { describe, expect, it } from 'vitest';
import { getConnectorFactory, listConnectors, secretOptionsOf } from '../../src/connectors/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { makeDatabase, tempDir } from './helpers.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('connector registry', () => {
  it('lists every connector with its availability and secret options', () => {
    expect(listConnectors()).toEqual([
      { name: 'hubspot', available: true, secretOptions: ['token', 'webhookSecret'] },
      { name: 'sqlite', available: true, secretOptions: [] },
    ]);
  });

  it('builds a working sqlite connector from its factory', async () => {
    const tmp = tempDir();
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    const factory = getConnectorFactory('sqlite');
    expect(factory.name).toBe('sqlite');
    expect(factory.secretOptions).toEqual([]);
    const connector = factory.create({ path: 'a.db' }, { connection: 'local', baseDir: tmp.dir });
    expect((await connector.describe('t')).fields.map((f) => f.name)).toEqual(['id', 'name', 'updated_at']);
    await connector.close();
    tmp.cleanup();
  });

  it('names the secret options of each connector', () => {
    expect(getConnectorFactory('hubspot').secretOptions).toEqual(['token', 'webhookSecret']);
    expect(secretOptionsOf('hubspot')).toEqual(['token', 'webhookSecret']);
    expect(secretOptionsOf('sqlite')).toEqual([]);
  });

  it('refuses an unknown connector with a suggestion', () => {
    const err = thrown(() => getConnectorFactory('sqlit'));
    expect(isSyncctlError(err, 'unknown_connector')).toBe(true);
    expect(isSyncctlError(err) && err.hint).toContain('Did you mean "sqlite"?');
    expect(isSyncctlError(thrown(() => secretOptionsOf('toString')), 'unknown_connector')).toBe(true);
  });
});
