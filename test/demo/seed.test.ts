// The demo databases: created once, deterministic, and holding every scenario the initial
// sync and the association rules act on (checked with SQL across both files).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { tempDir, type TempDir } from '../connectors/helpers.js';

const TABLES = {
  'crm.db': ['contacts', 'companies', 'deals', 'contacts_companies', 'deals_companies', 'deals_contacts'],
  'shop.db': ['customers', 'accounts', 'orders', 'customers_accounts', 'order_accounts', 'orders_customers'],
} as const;

/** Link tables: [database, table, from column, from table, to column, to table, primary column]. */
const LINKS = [
  ['main', 'contacts_companies', 'contact_id', 'contacts', 'company_id', 'companies', 'is_primary'],
  ['main', 'deals_companies', 'deal_id', 'deals', 'company_id', 'companies', 'is_primary'],
  ['main', 'deals_contacts', 'deal_id', 'deals', 'contact_id', 'contacts', undefined],
  ['shop', 'customers_accounts', 'customer_id', 'customers', 'account_id', 'accounts', 'is_primary'],
  ['shop', 'order_accounts', 'order_ref', 'orders', 'account_ref', 'accounts', 'is_billing'],
  ['shop', 'orders_customers', 'order_id', 'orders', 'customer_id', 'customers', undefined],
] as const;

function dump(dir: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [file, tables] of Object.entries(TABLES)) {
    const db = new Database(join(dir, file), { readonly: true });
    for (const table of tables) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
    db.close();
  }
  return out;
}

let tmp: TempDir;
let db: Database.Database;
beforeAll(async () => {
  tmp = tempDir();
  await seedDemo(join(tmp.dir, 'demo'));
  db = new Database(join(tmp.dir, 'demo', 'crm.db'), { readonly: true });
  db.exec(`ATTACH DATABASE '${join(tmp.dir, 'demo', 'shop.db')}' AS shop`);
  // Normalised emails and domains, as the engine compares them.
  db.exec(`
    CREATE TEMP VIEW hub_people AS SELECT *, lower(trim(email)) AS key FROM main.contacts WHERE trim(coalesce(email, '')) <> '';
    CREATE TEMP VIEW shop_people AS SELECT *, lower(trim(email_address)) AS key FROM shop.customers WHERE trim(coalesce(email_address, '')) <> '';
    CREATE TEMP VIEW pairs AS SELECT h.phone AS hub_phone, s.phone AS shop_phone, h.lastname, s.last_name, h.email, s.email_address
      FROM hub_people h JOIN shop_people s ON s.key = h.key;
    CREATE TEMP VIEW accounts_s AS SELECT *, CASE WHEN instr(website, '://') > 0 THEN substr(website, instr(website, '://') + 3) ELSE website END AS bare FROM shop.accounts;
    CREATE TEMP VIEW accounts_n AS SELECT *, replace(CASE WHEN bare LIKE 'www.%' THEN substr(bare, 5) ELSE bare END, '/about', '') AS domain_n FROM accounts_s;`);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

function count(sql: string): number {
  return Number(db.prepare(sql).pluck().get());
}

describe('seedDemo', () => {
  it('creates crm.db and shop.db of the default size, with change-feed indexes', () => {
    expect(count('SELECT count(*) FROM main.contacts')).toBe(300);
    expect(count('SELECT count(*) FROM shop.customers')).toBeGreaterThan(270);
    expect(count('SELECT count(*) FROM shop.customers')).toBeLessThan(330);
    expect(count('SELECT count(*) FROM main.companies')).toBeGreaterThan(55);
    expect(count('SELECT count(*) FROM main.companies')).toBeLessThan(65);
    expect(count('SELECT count(*) FROM shop.accounts')).toBeGreaterThan(55);
    for (const index of ['contacts_updated_at_id_idx', 'companies_updated_at_id_idx']) expect(count(`SELECT count(*) FROM main.sqlite_schema WHERE name = '${index}'`)).toBe(1);
    for (const index of ['deals_updated_at_id_idx']) expect(count(`SELECT count(*) FROM main.sqlite_schema WHERE name = '${index}'`)).toBe(1);
    for (const index of ['customers_updated_at_id_idx', 'accounts_updated_at_id_idx', 'orders_updated_at_id_idx']) expect(count(`SELECT count(*) FROM shop.sqlite_schema WHERE name = '${index}'`)).toBe(1);
    expect(count("SELECT count(*) FROM shop.customers WHERE id NOT GLOB '*-*-*-*-*'")).toBe(0);
  });

  it('matches people by email with different case and spaces, and leaves some on one side only', () => {
    expect(count('SELECT count(*) FROM pairs WHERE email <> email_address')).toBeGreaterThan(20);
    expect(count('SELECT count(*) FROM hub_people WHERE key NOT IN (SELECT key FROM shop_people)')).toBeGreaterThan(20);
    expect(count('SELECT count(*) FROM shop_people WHERE key NOT IN (SELECT key FROM hub_people)')).toBeGreaterThan(20);
  });

  it('has duplicates by email within each app and contacts without email', () => {
    expect(count('SELECT count(*) FROM (SELECT key FROM shop_people GROUP BY key HAVING count(*) > 1)')).toBeGreaterThan(2);
    expect(count('SELECT count(*) FROM (SELECT key FROM hub_people GROUP BY key HAVING count(*) > 1)')).toBeGreaterThan(2);
    expect(count('SELECT count(*) FROM main.contacts WHERE email IS NULL')).toBeGreaterThan(5);
    expect(count("SELECT count(*) FROM shop.customers WHERE trim(coalesce(email_address, '')) = ''")).toBeGreaterThan(3);
  });

  it('has conflicts both ways and empty values to fill on each side', () => {
    expect(count('SELECT count(*) FROM pairs WHERE hub_phone <> shop_phone')).toBeGreaterThan(10);
    expect(count('SELECT count(*) FROM pairs WHERE lastname <> last_name')).toBeGreaterThan(10);
    expect(count('SELECT count(*) FROM pairs WHERE hub_phone IS NULL AND shop_phone IS NOT NULL')).toBeGreaterThan(5);
    expect(count('SELECT count(*) FROM pairs WHERE shop_phone IS NULL AND hub_phone IS NOT NULL')).toBeGreaterThan(5);
  });

  it('spreads contacts over the lifecycle stages the filter looks at', () => {
    for (const stage of ['subscriber', 'lead', 'customer']) expect(count(`SELECT count(*) FROM main.contacts WHERE lifecyclestage = '${stage}'`)).toBeGreaterThan(40);
  });

  it('has companies that match by name only, by domain only, and accounts missing the required name', () => {
    expect(count("SELECT count(*) FROM main.companies c JOIN accounts_n a ON a.company_name = c.name WHERE a.domain_n <> coalesce(c.domain, '')")).toBeGreaterThan(5);
    expect(count('SELECT count(*) FROM main.companies c JOIN accounts_n a ON a.domain_n = c.domain WHERE a.company_name <> c.name')).toBeGreaterThan(3);
    expect(count("SELECT count(*) FROM main.companies c JOIN shop.accounts a ON a.website = 'https://www.' || c.domain || '/about' WHERE a.company_name <> c.name")).toBeGreaterThan(3);
    expect(count('SELECT count(*) FROM shop.accounts WHERE company_name IS NULL')).toBeGreaterThan(3);
  });

  it('has deals in the hub and orders in the shop, most matched by name, some on one side only', () => {
    expect(count('SELECT count(*) FROM main.deals')).toBeGreaterThan(50);
    expect(count('SELECT count(*) FROM shop.orders')).toBeGreaterThan(50);
    const matched = count('SELECT count(*) FROM main.deals d JOIN shop.orders o ON o.title = d.dealname');
    expect(matched).toBeGreaterThan(40);
    expect(count('SELECT count(*) FROM main.deals')).toBeGreaterThan(matched);
    expect(count('SELECT count(*) FROM shop.orders')).toBeGreaterThan(matched);
    expect(count('SELECT count(*) FROM (SELECT dealname FROM main.deals GROUP BY dealname HAVING count(*) > 1)')).toBe(0);
    expect(count('SELECT count(*) FROM main.deals d JOIN shop.orders o ON o.title = d.dealname WHERE o.total <> d.amount')).toBeGreaterThan(3);
    expect(count('SELECT count(*) FROM main.deals d JOIN shop.orders o ON o.title = d.dealname WHERE o.stage IS NULL')).toBeGreaterThan(3);
  });

  it('links only records that exist, with at most one primary per from record', () => {
    for (const [schema, table, from, fromTable, to, toTable, primary] of LINKS) {
      expect(count(`SELECT count(*) FROM ${schema}.${table}`), table).toBeGreaterThan(10);
      expect(count(`SELECT count(*) FROM ${schema}.${table} WHERE ${from} NOT IN (SELECT id FROM ${schema}.${fromTable}) OR ${to} NOT IN (SELECT id FROM ${schema}.${toTable})`), table).toBe(0);
      if (primary) expect(count(`SELECT count(*) FROM (SELECT ${from} FROM ${schema}.${table} WHERE ${primary} = 1 GROUP BY ${from} HAVING count(*) > 1)`), table).toBe(0);
    }
  });

  it('has contacts at several companies with one primary, and primaries the two apps disagree on', () => {
    expect(count('SELECT count(*) FROM (SELECT contact_id FROM main.contacts_companies GROUP BY contact_id HAVING count(*) > 1 AND sum(is_primary) = 1)')).toBeGreaterThan(20);
    expect(count('SELECT count(*) FROM (SELECT deal_id FROM main.deals_companies GROUP BY deal_id HAVING count(*) > 1 AND sum(is_primary) = 1)')).toBeGreaterThan(5);
    // A person's primary company by name in each app (where both apps spell it the same).
    const disagree = count(`
      SELECT count(*) FROM hub_people h JOIN shop_people s ON s.key = h.key
        JOIN main.contacts_companies hc ON hc.contact_id = h.id AND hc.is_primary = 1 JOIN main.companies c ON c.id = hc.company_id
        JOIN shop.customers_accounts sc ON sc.customer_id = s.id AND sc.is_primary = 1 JOIN shop.accounts a ON a.id = sc.account_id
      WHERE a.company_name <> c.name AND a.company_name IN (SELECT name FROM main.companies)`);
    expect(disagree).toBeGreaterThan(5);
    // Known on one side only: the other side gets it.
    expect(count('SELECT count(*) FROM hub_people h JOIN shop_people s ON s.key = h.key WHERE h.id IN (SELECT contact_id FROM main.contacts_companies) AND s.id NOT IN (SELECT customer_id FROM shop.customers_accounts)')).toBeGreaterThan(5);
    expect(count('SELECT count(*) FROM hub_people h JOIN shop_people s ON s.key = h.key WHERE h.id NOT IN (SELECT contact_id FROM main.contacts_companies) AND s.id IN (SELECT customer_id FROM shop.customers_accounts)')).toBeGreaterThan(2);
  });

  it('has associations pointing at records the sync leaves out or cannot write, which wait in queue', () => {
    expect(count('SELECT count(*) FROM main.deals_contacts dc JOIN main.contacts c ON c.id = dc.contact_id WHERE c.email IS NULL')).toBeGreaterThan(3);
    expect(count('SELECT count(*) FROM shop.customers_accounts ca JOIN shop.accounts a ON a.id = ca.account_id WHERE a.company_name IS NULL')).toBeGreaterThan(2);
    expect(count('SELECT count(*) FROM shop.order_accounts oa JOIN shop.accounts a ON a.id = oa.account_ref WHERE a.company_name IS NULL')).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed gives the same rows, another seed other rows', async () => {
    const again = tempDir();
    const other = tempDir();
    await seedDemo(again.dir);
    await seedDemo(other.dir, { seed: 7 });
    expect(dump(again.dir)).toEqual(dump(join(tmp.dir, 'demo')));
    expect(dump(other.dir)).not.toEqual(dump(again.dir));
    again.cleanup();
    other.cleanup();
  });

  it('creates only what is absent unless forced', async () => {
    const t = tempDir();
    const first = await seedDemo(t.dir, { contacts: 50 });
    expect(first).toEqual({ created: true, files: [join(t.dir, 'crm.db'), join(t.dir, 'shop.db')] });
    const changed = new Database(join(t.dir, 'crm.db'));
    changed.exec("UPDATE contacts SET firstname = 'Edited' WHERE id = 1");
    changed.close();
    const bytes = readFileSync(join(t.dir, 'shop.db'));
    expect(await seedDemo(t.dir, { contacts: 50 })).toEqual({ created: false, files: first.files });
    expect(readFileSync(join(t.dir, 'shop.db')).equals(bytes)).toBe(true);
    writeFileSync(join(t.dir, 'crm.db-wal'), 'stale');
    expect((await seedDemo(t.dir, { contacts: 50, force: true })).created).toBe(true);
    const fresh = new Database(join(t.dir, 'crm.db'), { readonly: true });
    expect(fresh.prepare('SELECT firstname FROM contacts WHERE id = 1').pluck().get()).not.toBe('Edited');
    fresh.close();
    expect(() => statSync(join(t.dir, 'crm.db-wal'))).toThrow();
    t.cleanup();
  });

  it('names kept files an older version made (without deals and associations) instead of touching them', async () => {
    const t = tempDir();
    await seedDemo(t.dir, { contacts: 50 });
    const old = new Database(join(t.dir, 'crm.db'));
    old.exec('DROP TABLE deals_contacts; DROP TABLE deals');
    old.close();
    const bytes = readFileSync(join(t.dir, 'crm.db'));
    expect(await seedDemo(t.dir, { contacts: 50 })).toEqual({ created: false, files: [join(t.dir, 'crm.db'), join(t.dir, 'shop.db')], outdated: [join(t.dir, 'crm.db')] });
    expect(readFileSync(join(t.dir, 'crm.db')).equals(bytes)).toBe(true);
    expect((await seedDemo(t.dir, { contacts: 50, force: true })).outdated).toBeUndefined();
    t.cleanup();
  });

  it('refuses a size that is not a positive whole number', async () => {
    const err = await seedDemo(join(tmp.dir, 'x'), { contacts: 0 }).catch((e: unknown) => e);
    expect(isSyncctlError(err, 'invalid_demo_size')).toBe(true);
  });
});
