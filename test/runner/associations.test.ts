// The runner (in-process, --once) carries a sync's associations: its initial sync, then the
// poll pass that reconciles them; its status shows per association synced, in queue, failing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sync } from '../../src/config/model.js';
import { runOnce } from '../../src/runner/once.js';
import { countAssociations } from '../../src/runner/worker-records.js';
import { openStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';
import { createApps, table, tempDir } from '../engine/associations/helpers.js';
import { silent } from '../engine/helpers.js';

const DEFINITIONS = `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: sqlite
options: { path: ../crm.db }
---
apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options: { path: ../shop.db }
---
apiVersion: syncctl/v1
kind: Sync
name: crm-shop
hub: crm
app: shop
objects:
  - { hub: contacts, app: customers }
  - { hub: companies, app: accounts }
associations:
  - { from: contacts, to: companies }
`;

const PEOPLE = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];

describe('runner and associations', () => {
  it('reconciles the associations after the initial sync and reports their counts', async () => {
    const dir = tempDir();
    createApps(dir, {
      contacts: PEOPLE,
      companies: [{ name: 'Acme', domain: 'acme.com' }],
      contacts_companies: [{ contact_id: 1, company_id: 1, is_primary: 1 }],
    }, {
      customers: PEOPLE,
      // An account that cannot be matched (no name, no domain): Bob's primary waits for it.
      accounts: [{ city: 'Nowhere' }],
      customers_accounts: [{ customer_id: 2, account_id: 1, is_primary: 1 }],
    });
    mkdirSync(join(dir, 'syncs'));
    writeFileSync(join(dir, 'syncs', 'crm-shop.yaml'), DEFINITIONS);
    const result = await runOnce({
      dir: join(dir, 'syncs'), statePath: join(dir, 'state.db'), env: {}, logger: silent, prune: false, failOnRecordErrors: false,
      holder: { pid: process.pid, host: 'test', user: 'test', command: 'syncctl run --once' },
    });
    const store = await openStateStore(join(dir, 'state.db'));
    const worker = result.status.syncs[0]?.worker;
    expect(worker?.lastPass?.associations?.[0]).toMatchObject({ association: 'contacts->companies', full: true, reconciled: true, added: { hub: 0, app: 1 }, waiting: 1 });
    expect(worker?.associations).toEqual([{ association: 'contacts->companies', synced: 1, inQueue: 1, failing: 0 }]);
    // The same counts as the state holds.
    const counts = await countAssociations(new SqliteRecordIndex(store.database, store.location), result.status.syncs[0]?.definition as Sync);
    expect(counts).toEqual(worker?.associations);
    expect(table(join(dir, 'shop.db'), 'customers_accounts')).toHaveLength(2);
    expect(result.code).toBe(0);
    await store.close();
  });
});
