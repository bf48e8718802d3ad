// A temp project for a real `syncctl run` process with the HubSpot emulator as hub: the shop
// (a SQLite app) in data/, definition files in syncs/, the state in state.db. The emulator runs
// in the test process; the runner reaches it over HTTP like HubSpot itself.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { CUSTOMERS_DDL, type Row, createApp } from './helpers.js';

/** The env the runner reads the connection's secrets from. */
export const TOKEN_ENV = 'HUBSPOT_TOKEN';
export const SECRET_ENV = 'HUBSPOT_APP_SECRET';
export const APP_SECRET = 'e2e-app-client-secret';

export interface HubspotProject {
  dir: string;
  /** data/shop.db */
  shop: string;
  write(path: string, content: string): void;
}

/** The shop's connection: the customers table of data/shop.db. */
export const SHOP_CONNECTION = `apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options: { path: ../data/shop.db }
`;

/** The HubSpot connection `crm` on the emulator at `url`, with the token and app secret from the env. */
export function crmConnection(url: string): string {
  return `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: hubspot
options:
  baseUrl: ${url}
  token: "\${env:${TOKEN_ENV}}"
  tier: professional
  webhookSecret: "\${env:${SECRET_ENV}}"
`;
}

/** Contacts ↔ customers, two-way, HubSpot wins conflicts, matched by email. */
export function contactsSyncYaml(options: { pollInterval?: string } = {}): string {
  return `apiVersion: syncctl/v1
kind: Sync
name: crm-shop
hub: crm
app: shop
pollInterval: ${options.pollInterval ?? '1h'}
objects:
  - hub: contacts
    app: customers
    direction: two-way
    conflictWinner: hub
    mappings:
      defaults: false
      fields:
        - { hub: email, app: email, required: true }
        - { hub: firstname, app: firstname }
        - { hub: lastname, app: lastname }
        - { hub: phone, app: phone }
`;
}

/** A temp project: data/shop.db with `customers`, and the given files (e.g. syncs/shop.yaml). */
export function hubspotProject(customers: Row[], files: Record<string, string> = {}): HubspotProject {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-hubspot-run-'));
  const shop = join(dir, 'data', 'shop.db');
  mkdirSync(dirname(shop), { recursive: true });
  createApp(shop, { customers: { ddl: CUSTOMERS_DDL, rows: customers } });
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { dir, shop, write };
}

/** One customer by email, read while the runner may be writing (busy timeout). */
export function customer(shop: string, email: string): Row | undefined {
  const db = new Database(shop, { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare('SELECT * FROM customers WHERE email = ?').get(email) as Row | undefined;
  } finally {
    db.close();
  }
}
