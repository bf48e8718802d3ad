// The two demo apps' tables. They are ours, so unlike a user's database they get the
// (updated_at, id) indexes that make the SQLite connector's change feed cheap, and indexes on
// the link tables' to columns for reverse association reads.

/** HubSpot's default deal pipeline stages. */
export const DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'] as const;

/**
 * The CRM hub: contacts, companies and deals with INTEGER ids, as a CRM numbers its records,
 * and their associations in link tables named by the SQLite connector's convention
 * (`<from>_<to>` with `<singular>_id` columns and an `is_primary` flag where there is one).
 */
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
);
CREATE TABLE deals (
  id INTEGER PRIMARY KEY,
  dealname TEXT,
  amount REAL,
  dealstage TEXT CHECK (dealstage IN (${DEAL_STAGES.map((s) => `'${s}'`).join(', ')})),
  closedate DATE,
  updated_at TEXT NOT NULL
);
CREATE TABLE contacts_companies (
  contact_id INTEGER NOT NULL,
  company_id INTEGER NOT NULL,
  is_primary BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (contact_id, company_id)
) WITHOUT ROWID;
CREATE TABLE deals_companies (
  deal_id INTEGER NOT NULL,
  company_id INTEGER NOT NULL,
  is_primary BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (deal_id, company_id)
) WITHOUT ROWID;
CREATE TABLE deals_contacts (
  deal_id INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  PRIMARY KEY (deal_id, contact_id)
) WITHOUT ROWID;`;

/**
 * The shop: customers, accounts and orders with TEXT (UUID) ids and its own column names.
 * customers_accounts and orders_customers follow the connector's convention; order_accounts
 * (an order's accounts, the billing one flagged) does not, so syncs/demo.yaml names it under
 * the connection's `associations` option.
 */
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
);
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  title TEXT,
  total REAL,
  stage TEXT,
  close_date DATE,
  updated_at TEXT NOT NULL
);
CREATE TABLE customers_accounts (
  customer_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  is_primary BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (customer_id, account_id)
) WITHOUT ROWID;
CREATE TABLE order_accounts (
  order_ref TEXT NOT NULL,
  account_ref TEXT NOT NULL,
  is_billing BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (order_ref, account_ref)
) WITHOUT ROWID;
CREATE TABLE orders_customers (
  order_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (order_id, customer_id)
) WITHOUT ROWID;`;

/** Change-feed indexes for the demo tables. */
export const DEMO_INDEXES = {
  crm: [
    'CREATE INDEX contacts_updated_at_id_idx ON contacts (updated_at, id);',
    'CREATE INDEX companies_updated_at_id_idx ON companies (updated_at, id);',
    'CREATE INDEX deals_updated_at_id_idx ON deals (updated_at, id);',
    // Reverse reads (the contacts of a company, …) look link rows up by their to column.
    'CREATE INDEX contacts_companies_company_idx ON contacts_companies (company_id);',
    'CREATE INDEX deals_companies_company_idx ON deals_companies (company_id);',
    'CREATE INDEX deals_contacts_contact_idx ON deals_contacts (contact_id);',
  ],
  shop: [
    'CREATE INDEX customers_updated_at_id_idx ON customers (updated_at, id);',
    'CREATE INDEX accounts_updated_at_id_idx ON accounts (updated_at, id);',
    'CREATE INDEX orders_updated_at_id_idx ON orders (updated_at, id);',
    'CREATE INDEX customers_accounts_account_idx ON customers_accounts (account_id);',
    'CREATE INDEX order_accounts_account_idx ON order_accounts (account_ref);',
    'CREATE INDEX orders_customers_customer_idx ON orders_customers (customer_id);',
  ],
} as const;
