// A state database that is damaged or locked by another process: commands say so, and what
// only reads goes on while another process writes.
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture, run, SYNC } from './helpers.js';

let f: Fixture;

beforeAll(async () => {
  f = await buildFixture();
});

describe('a damaged state database', () => {
  it('is named as damaged, with how to check and restore it, by status and records', async () => {
    const damaged = join(f.dir, 'damaged.db');
    copyFileSync(f.statePath, damaged);
    // Overwrite the first page of the record index's table: the schema still reads, the rows do not.
    const db = new Database(damaged, { readonly: true });
    const { rootpage, pageSize } = db.prepare("SELECT rootpage, (SELECT page_size FROM pragma_page_size) AS pageSize FROM sqlite_schema WHERE name = 'record_index'").get() as { rootpage: number; pageSize: number };
    db.close();
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xab), 0, 64, (rootpage - 1) * pageSize);
    closeSync(fd);

    for (const args of [['status', SYNC], ['records', SYNC, '--output', 'out.csv']]) {
      const r = await run(f.dir, [...args, '--state', damaged]);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain('(code: state_damaged)');
      expect(r.stderr, args[0]).toContain(`The state database ${damaged} is damaged`);
      expect(r.stderr, args[0]).toContain('PRAGMA integrity_check');
      expect(r.stderr, args[0]).not.toContain('Unexpected error');
    }
  });
});

describe('a state database another process holds the write lock of', () => {
  it('still answers status and records, and refuses apply with state_locked once it stops waiting', async () => {
    const holder = new Database(f.statePath);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const status = await run(f.dir, ['status', SYNC, '--state', f.statePath]);
      expect(status.code, status.stderr).toBe(0);
      const records = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'json']);
      expect(records.code, records.stderr).toBe(0);
      expect(JSON.parse(records.stdout)).not.toHaveLength(0);
      const apply = await run(f.dir, ['apply', '--yes', '--state', f.statePath]);
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain('(code: state_locked)');
      expect(apply.stderr).not.toContain('Unexpected error');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 30_000);
});
