import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteConnector } from '../../src/connectors/index.js';
import { cooperative } from '../../src/runner/cooperative-connector.js';

function app(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-coop-'));
  const file = join(dir, 'app.db');
  const db = new Database(file);
  db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) insert.run(`item ${i}`);
  })();
  db.close();
  return dir;
}

describe('a cooperative connector', () => {
  it('gives the event loop a turn between pages of a synchronous driver, and reads the same records', async () => {
    const dir = app(50);
    const raw = createSqliteConnector({ path: 'app.db' }, { connection: 'app', baseDir: dir });
    const wrapped = cooperative(createSqliteConnector({ path: 'app.db' }, { connection: 'app', baseDir: dir }));
    try {
      const turns: number[] = [];
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 0);
      const ids: string[] = [];
      for await (const page of wrapped.changes('items', undefined, { pageSize: 10 })) {
        turns.push(ticks);
        ids.push(...page.records.map((r) => r.id));
      }
      clearInterval(ticker);
      // The timer ran between pages: the loop was not held for the whole scan.
      expect(turns.at(-1)).toBeGreaterThan(turns[0] ?? 0);
      const direct: string[] = [];
      for await (const page of raw.changes('items', undefined, { pageSize: 10 })) direct.push(...page.records.map((r) => r.id));
      expect(ids).toEqual(direct);
      expect((await wrapped.read('items', ['1', '2'])).map((r) => r.id)).toEqual(['1', '2']);
      const [updated] = await wrapped.update('items', [{ id: '3', properties: { name: 'renamed' } }]);
      expect(updated?.ok).toBe(true);
      expect((await raw.read('items', ['3']))[0]?.properties['name']).toBe('renamed');
      expect(typeof wrapped.watch).toBe(typeof raw.watch);
    } finally {
      await raw.close();
      await wrapped.close();
    }
  });
});
