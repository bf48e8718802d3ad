// Association changes as HubSpot's webhooks v3 send them: `contact.associationChange` (and
// company, deal) with fromObjectId, toObjectId, associationType, associationRemoved and
// isPrimaryAssociation, one event per end, signed like every delivery; seeding sends none.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHubspotWebhookEvents } from '../../src/connectors/hubspot/webhook.js';
import { type HubspotEmulator, type WebhookEvent, verifyV3 } from '../../src/emulator/hubspot/index.js';
import { api, startEmulator } from './helpers.js';

const SECRET = 'app-client-secret';

async function receiver(): Promise<{ url: string; bodies: string[]; verified: boolean[]; server: Server }> {
  const bodies: string[] = [];
  const verified: boolean[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { port } = server.address() as AddressInfo;
      const verdict = verifyV3({
        secret: SECRET,
        method: req.method ?? '',
        uri: `http://127.0.0.1:${port}${req.url ?? ''}`,
        body,
        timestamp: req.headers['x-hubspot-request-timestamp'] as string | undefined,
        signature: req.headers['x-hubspot-signature-v3'] as string | undefined,
      });
      bodies.push(body);
      verified.push(verdict.ok);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hub`, bodies, verified, server };
}

const spec = (typeId: number) => [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }];

describe('association change webhooks', () => {
  let em: HubspotEmulator | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await em?.close();
    await new Promise((resolve) => server?.close(resolve));
    em = undefined;
    server = undefined;
  });

  it('given a contact and a company, when they are associated as primary and then unassociated, then each end gets its associationChange events', async () => {
    const hook = await receiver();
    server = hook.server;
    em = await startEmulator({ webhook: { url: hook.url, secret: SECRET, batchMs: 10 } });
    const [contact] = em.crm.createMany('contacts', [{ properties: { email: 'assoc@example.com' } }], { silent: true });
    const [company] = em.crm.createMany('companies', [{ properties: { name: 'Assoc Inc' } }], { silent: true });
    const c = contact?.id ?? '';
    const k = company?.id ?? '';
    expect((await api(em, 'POST', '/crm/v4/associations/contacts/companies/batch/create', { inputs: [{ from: { id: c }, to: { id: k }, types: spec(1) }] })).status).toBe(201);
    await em.flushWebhooks();
    const added = hook.bodies.flatMap((b) => JSON.parse(b) as WebhookEvent[]);
    expect(hook.verified.every(Boolean)).toBe(true);
    // Primary and its unlabeled twin, from each end.
    expect(added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subscriptionType: 'contact.associationChange', associationType: 'CONTACT_TO_COMPANY', fromObjectId: Number(c), toObjectId: Number(k), associationRemoved: false, isPrimaryAssociation: true }),
        expect.objectContaining({ subscriptionType: 'contact.associationChange', associationType: 'CONTACT_TO_COMPANY', fromObjectId: Number(c), toObjectId: Number(k), associationRemoved: false, isPrimaryAssociation: false }),
        expect.objectContaining({ subscriptionType: 'company.associationChange', associationType: 'COMPANY_TO_CONTACT', fromObjectId: Number(k), toObjectId: Number(c), associationRemoved: false }),
      ]),
    );
    expect(added).toHaveLength(4);
    expect(added.every((e) => e.objectId === undefined)).toBe(true);
    expect(parseHubspotWebhookEvents(hook.bodies[0] ?? '[]')).toEqual([
      { object: 'contacts', ids: [c], deleted: false },
      { object: 'companies', ids: [k], deleted: false },
    ]);

    hook.bodies.length = 0;
    expect((await api(em, 'POST', '/crm/v4/associations/contacts/companies/batch/archive', { inputs: [{ from: { id: c }, to: [{ id: k }] }] })).status).toBe(204);
    await em.flushWebhooks();
    const removed = hook.bodies.flatMap((b) => JSON.parse(b) as WebhookEvent[]);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((e) => e.subscriptionType.endsWith('.associationChange') && e.associationRemoved === true)).toBe(true);
    expect(new Set(removed.map((e) => e.fromObjectId))).toEqual(new Set([Number(c), Number(k)]));
  });

  it('given --seed demo with webhooks on, then the seeded associations send no events', async () => {
    const hook = await receiver();
    server = hook.server;
    em = await startEmulator({ seed: 'demo', webhook: { url: hook.url, secret: SECRET, batchMs: 10 } });
    expect(em.seeded?.contacts.length).toBeGreaterThan(0);
    expect(em.crm.associations.read('contacts', em.seeded?.contacts[0] ?? '', 'companies').length + em.crm.associations.read('contacts', em.seeded?.contacts[1] ?? '', 'companies').length).toBeGreaterThan(0);
    await em.flushWebhooks();
    expect(hook.bodies).toEqual([]);
  });
});
