// Plans that exercise every step kind, for the renderer snapshots.
import { reconcile } from '../../src/reconcile/diff.js';
import type { Plan } from '../../src/reconcile/types.js';
import { companies, conn, contacts, current, desired, hubspot, mapping, OPTIONS, sync } from '../reconcile/fixtures.js';

/** Every kind of change a reviewer meets, without deletes. */
export function showcasePlan(): Plan {
  const before = current(
    [conn('shop'), conn('warehouse'), hubspot('hubspot-eu', '${env:HUBSPOT_TOKEN}'), conn('legacy-db')],
    [
      sync('crm-shop', { hub: 'hubspot-eu' }),
      sync('newsletter', { hub: 'hubspot-eu', objects: [contacts()] }),
      sync('billing', { hub: 'hubspot-eu', app: 'warehouse' }),
      sync('archive', { hub: 'hubspot-eu', enabled: false }),
      sync('support', { hub: 'hubspot-eu', app: 'warehouse', objects: [contacts()] }),
      sync('legacy', { hub: 'hubspot-eu', app: 'legacy-db' }),
      sync('steady', { hub: 'hubspot-eu' }),
    ],
  );
  const after = desired(
    [conn('shop'), conn('warehouse', { options: { path: './demo/warehouse-v2.db' } }), hubspot('hubspot-eu', '${env:HUBSPOT_TOKEN_V2}'), conn('crm')],
    [
      sync('crm-shop', {
        hub: 'hubspot-eu',
        pollInterval: '1m',
        pollIntervalMs: 60_000,
        objects: [
          companies(),
          contacts({
            direction: 'to-app',
            mappings: { defaults: true, fields: [mapping('email', 'email_address', { required: true }), mapping('firstname', 'first_name', { enabled: false }), mapping('phone', 'phone', { enabled: false })] },
            filters: { hub: [{ property: 'lifecyclestage', op: 'in', value: ['customer', 'evangelist'] }], app: [] },
          }),
        ],
      }),
      sync('newsletter', { hub: 'hubspot-eu', objects: [contacts()], notify: { webhook: '${env:NEWSLETTER_HOOK}' }, description: 'Weekly list' }),
      sync('billing', { hub: 'hubspot-eu', app: 'warehouse' }),
      sync('archive', { hub: 'hubspot-eu' }),
      sync('support', { hub: 'hubspot-eu', app: 'warehouse', objects: [contacts()], enabled: false }),
      sync('orders', { hub: 'crm', app: 'shop', objects: [companies({ hub: 'deals', app: 'orders', match: [] })], associations: [] }),
      sync('steady', { hub: 'hubspot-eu' }),
    ],
  );
  return reconcile(after, before, OPTIONS);
}

/** Removing with --allow-delete. */
export function deletePlan(): Plan {
  const before = current([conn('crm'), conn('shop'), conn('old-shop')], [sync('crm-shop'), sync('crm-old-shop', { app: 'old-shop' })]);
  return reconcile(desired([conn('crm'), conn('shop')], [sync('crm-shop')]), before, { ...OPTIONS, allowDelete: true });
}

/** Nothing to do. */
export function noChangesPlan(): Plan {
  const both = [conn('crm'), conn('shop')];
  return reconcile(desired(both, [sync('crm-shop')]), current(both, [sync('crm-shop')]), OPTIONS);
}

/** One new sync on existing connections: what `plan --data` reports on. */
export function createPlan(): Plan {
  const both = [conn('crm'), conn('shop')];
  return reconcile(desired(both, [sync('crm-shop', { objects: [contacts()] })]), current(both, []), OPTIONS);
}
