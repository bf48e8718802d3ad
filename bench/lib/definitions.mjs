// Sync definitions for the bench datasets, written as a user would write them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One SQLite connection over `path` (relative to the definition file). */
export function connectionYaml(name, path) {
  return `apiVersion: syncctl/v1
kind: Connection
name: ${name}
connector: sqlite
options: { path: ${JSON.stringify(path)} }
`;
}

/** The hub and app connections over `hubPath` and `appPath`. */
export function connectionsYaml(hubPath, appPath) {
  return `${connectionYaml('hub', hubPath)}---\n${connectionYaml('app', appPath)}`;
}

/** A two-way sync of contacts<->customers and companies<->accounts, the hub winning conflicts. */
export function syncYaml(name, hub = 'hub', app = 'app') {
  return `apiVersion: syncctl/v1
kind: Sync
name: ${name}
hub: ${hub}
app: ${app}
objects:
  - hub: contacts
    app: customers
    direction: two-way
    conflictWinner: hub
    onlyWithEmail: true
    match: [email]
    mappings:
      defaults: false
      fields:
        - { hub: email, app: email_address, required: true }
        - { hub: firstname, app: first_name }
        - { hub: lastname, app: last_name }
        - { hub: phone, app: phone }
  - hub: companies
    app: accounts
    direction: two-way
    conflictWinner: hub
    match: [name, domain]
    mappings:
      defaults: false
      fields:
        - { hub: name, app: company_name, required: true }
        - { hub: domain, app: website }
        - { hub: industry, app: sector }
`;
}

/** Writes the one-sync definitions directory for a dataset copied to hub.db and app.db in `dir`. */
export function writeBenchDefinitions(dir) {
  const syncs = join(dir, 'syncs');
  mkdirSync(syncs, { recursive: true });
  writeFileSync(join(syncs, 'bench.yaml'), `${connectionsYaml('../hub.db', '../app.db')}---\n${syncYaml('bench')}`);
  return syncs;
}
