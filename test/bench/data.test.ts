// The benchmark data generator: deterministic, cached, and holding the mix issue 7 asks for.
// Checked by querying the generated SQLite files, not by trusting the generator's own counts.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDataset, generateDataset, type Dataset } from '../../bench/data.mjs';

const CONTACTS = 5000;
let root: string;
let data: Dataset;

function query<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

function rows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const norm = (email: string | null): string => (email ?? '').trim().toLowerCase();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'syncctl-bench-data-'));
  data = await ensureDataset(CONTACTS, 11, root);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bench data', () => {
  it('writes the same bytes for the same size and seed', async () => {
    const again = join(root, 'again');
    await generateDataset(again, CONTACTS, 11);
    expect(readFileSync(join(again, 'hub.db')).equals(readFileSync(data.hub))).toBe(true);
    expect(readFileSync(join(again, 'app.db')).equals(readFileSync(data.app))).toBe(true);
  });

  it('reuses a cached dataset instead of generating it again', async () => {
    expect(data.cached).toBe(false);
    const second = await ensureDataset(CONTACTS, 11, root);
    expect(second.cached).toBe(true);
    expect(second.meta).toEqual(data.meta);
  });

  it('holds contacts on both sides and a tenth as many companies', () => {
    const hub = query<{ contacts: number; companies: number }>(data.hub, 'SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM companies) AS companies');
    const app = query<{ customers: number; accounts: number }>(data.app, 'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM accounts) AS accounts');
    expect(hub).toEqual({ contacts: CONTACTS, companies: CONTACTS / 10 });
    expect(app).toEqual({ customers: CONTACTS, accounts: CONTACTS / 10 });
    expect(data.meta.records).toBe(2 * (CONTACTS + CONTACTS / 10));
  });

  it('matches about half of each side by email, ignoring case and spaces', () => {
    const hub = new Set(rows<{ email: string | null }>(data.hub, 'SELECT email FROM contacts').map((r) => norm(r.email)));
    const app = rows<{ email_address: string | null }>(data.app, 'SELECT email_address FROM customers');
    const matched = app.filter((r) => r.email_address !== null && hub.has(norm(r.email_address))).length;
    expect(matched / CONTACTS).toBeGreaterThan(0.45);
    expect(matched / CONTACTS).toBeLessThan(0.56);
    expect(app.some((r) => r.email_address !== null && r.email_address !== norm(r.email_address))).toBe(true);
  });

  it('leaves about 2% without email and makes about 1% duplicates on each side', () => {
    for (const emails of [
      rows<{ e: string | null }>(data.hub, 'SELECT email AS e FROM contacts').map((r) => r.e),
      rows<{ e: string | null }>(data.app, 'SELECT email_address AS e FROM customers').map((r) => r.e),
    ]) {
      const present = emails.filter((e): e is string => e !== null);
      const none = emails.length - present.length;
      const duplicates = present.length - new Set(present.map(norm)).size;
      expect(none / CONTACTS).toBeGreaterThan(0.01);
      expect(none / CONTACTS).toBeLessThan(0.03);
      expect(duplicates / CONTACTS).toBeGreaterThan(0.005);
      expect(duplicates / CONTACTS).toBeLessThan(0.015);
    }
  });

  it('gives about 10% of matched contact pairs a conflicting first name or phone', () => {
    type Contact = { email: string | null; first: string; phone: string | null };
    const hub = new Map(rows<Contact>(data.hub, 'SELECT email, firstname AS first, phone FROM contacts').map((r) => [norm(r.email), r]));
    let pairs = 0;
    let conflicts = 0;
    for (const c of rows<Contact>(data.app, 'SELECT email_address AS email, first_name AS first, phone FROM customers')) {
      const h = c.email === null ? undefined : hub.get(norm(c.email));
      if (!h) continue;
      pairs++;
      if (h.first !== c.first || (h.phone !== null && c.phone !== null && h.phone !== c.phone)) conflicts++;
    }
    // Duplicates pair up with strangers and add a few conflicts of their own.
    expect(conflicts / pairs).toBeGreaterThan(0.07);
    expect(conflicts / pairs).toBeLessThan(0.16);
  });

  it('indexes (updated_at, id) on every table', () => {
    for (const [file, tables] of [
      [data.hub, ['contacts', 'companies']],
      [data.app, ['customers', 'accounts']],
    ] as const) {
      const db = new Database(file, { readonly: true });
      try {
        for (const table of tables) {
          const columns = db
            .prepare(`SELECT group_concat(ii.name, ',') AS cols FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii GROUP BY il.name`)
            .all(table) as { cols: string }[];
          expect(columns.map((c) => c.cols)).toContain('updated_at,id');
        }
      } finally {
        db.close();
      }
    }
  });
});
