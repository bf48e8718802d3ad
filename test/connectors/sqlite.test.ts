// The connector contract on two SQLite tables: the defaults (INTEGER ids, ISO text times),
// and a table that needs every option (TEXT ids, renamed columns, epoch-ms times).
import { connectorContract, type ContractFixture } from './contract.js';
import { makeDatabase, sqliteConnector, tempDir, withDb } from './helpers.js';
import type { Properties } from '../../src/connectors/types.js';

connectorContract('sqlite (INTEGER ids, defaults)', async () => {
  const tmp = tempDir();
  const file = makeDatabase(tmp.dir, 'app.db', `
    CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL, age INTEGER, updated_at TEXT);`);
  const fixture: ContractFixture = {
    connector: sqliteConnector(tmp.dir, { path: 'app.db' }),
    object: 'people',
    sample: (n) => ({ email: `p${n}@example.com`, name: `Person ${n}`, age: 20 + n }),
    textProperty: 'name',
    invalidProperties: { email: 'bad@example.com', name: 'Bad', age: 'not a number' },
    missingId: '999999',
    seed: async (records: Properties[], updatedAt: string) =>
      withDb(file, (db) => {
        const insert = db.prepare('INSERT INTO people (email, name, age, updated_at) VALUES (?, ?, ?, ?)');
        return records.map((r) => String(insert.run(r.email, r.name, r.age, updatedAt).lastInsertRowid));
      }),
    cleanup: async () => tmp.cleanup(),
  };
  return fixture;
});

connectorContract('sqlite (TEXT ids, renamed columns, epoch-ms updated-at)', async () => {
  const tmp = tempDir();
  const file = makeDatabase(tmp.dir, 'members.db', `
    CREATE TABLE members (member_id TEXT PRIMARY KEY, mail TEXT, full_name TEXT NOT NULL, age INTEGER, modified INTEGER);`);
  let next = 0;
  const fixture: ContractFixture = {
    connector: sqliteConnector(tmp.dir, {
      path: './members.db',
      objects: { people: { table: 'members', id: 'member_id', updatedAt: 'modified', columns: { email: 'mail', name: 'full_name' } } },
    }),
    object: 'people',
    sample: (n) => ({ email: `p${n}@example.com`, name: `Person ${n}`, age: 20 + n }),
    textProperty: 'name',
    invalidProperties: { email: 'bad@example.com', name: 'Bad', age: 12.5 },
    missingId: 'no-such-member',
    seed: async (records: Properties[], updatedAt: string) =>
      withDb(file, (db) => {
        const insert = db.prepare('INSERT INTO members (member_id, mail, full_name, age, modified) VALUES (?, ?, ?, ?, ?)');
        return records.map((r) => {
          next += 1;
          const id = `m-${String(next).padStart(4, '0')}`;
          insert.run(id, r.email, r.name, r.age, Date.parse(updatedAt));
          return id;
        });
      }),
    cleanup: async () => tmp.cleanup(),
  };
  return fixture;
});
