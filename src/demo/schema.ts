// The two demo apps' tables. They are ours, so unlike a user's database they get the
// (updated_at, id) indexes that make the SQLite connector's change feed cheap.

/** The CRM hub: contacts and companies with INTEGER ids, as a CRM numbers its records. */
export const CRM_SCHEMA = `
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  email TEXT,
  firstname TEXT,
  lastname TEXT,
  phone TEXT,
  lifecyclestage TEXT CHECK (lifecyclestage IN ('subscriber', 'lead', 'customer')),
  jobtitle TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE companies (
  id INTEGER PRIMARY KEY,
  name TEXT,
  domain TEXT,
  industry TEXT,
  city TEXT,
  updated_at TEXT NOT NULL
);`;

/** The shop: customers and accounts with TEXT (UUID) ids and its own column names. */
export const SHOP_SCHEMA = `
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  email_address TEXT,
  first_name TEXT,
  last_name TEXT,
  phone TEXT,
  loyalty_tier TEXT CHECK (loyalty_tier IN ('bronze', 'silver', 'gold')),
  updated_at TEXT NOT NULL
);
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  company_name TEXT,
  website TEXT,
  sector TEXT,
  updated_at TEXT NOT NULL
);`;

/** Change-feed indexes for the demo tables. */
export const DEMO_INDEXES = {
  crm: [
    'CREATE INDEX contacts_updated_at_id_idx ON contacts (updated_at, id);',
    'CREATE INDEX companies_updated_at_id_idx ON companies (updated_at, id);',
  ],
  shop: [
    'CREATE INDEX customers_updated_at_id_idx ON customers (updated_at, id);',
    'CREATE INDEX accounts_updated_at_id_idx ON accounts (updated_at, id);',
  ],
} as const;
