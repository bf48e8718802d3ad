// Webhooks v3: deliveries signed by the emulator's dispatcher are accepted by the connector's
// verification; stale, tampered and unsigned ones are refused; events become changed ids.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHubspotWebhookEvents, verifyHubspotWebhook, type HubspotWebhookRequest } from '../../src/connectors/hubspot/index.js';
import { type HubspotEmulator, signV3 } from '../../src/emulator/hubspot/index.js';
import { startEmulator } from './hubspot/helpers.js';

const SECRET = 'app-client-secret-for-tests';

interface Received {
  request: Omit<HubspotWebhookRequest, 'secret'>;
  accepted: boolean;
}

async function receiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { port } = server.address() as AddressInfo;
      const request = { method: req.method ?? '', uri: `http://127.0.0.1:${port}${req.url ?? ''}`, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
      const verdict = verifyHubspotWebhook({ ...request, secret: SECRET });
      received.push({ request, accepted: verdict.ok });
      res.writeHead(verdict.ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/push/hubspot?connection=hub&x=(1)`, received, server };
}

describe('hubspot webhooks', () => {
  let em: HubspotEmulator | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await em?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('accepts what the emulator signs, and turns its events into changed and deleted ids', async () => {
    const hook = await receiver();
    server = hook.server;
    em = await startEmulator({ webhook: { url: hook.url, secret: SECRET, batchMs: 10 } });
    const [contact] = em.crm.createMany('contacts', [{ properties: { email: 'hook@example.com' } }]);
    const [company] = em.crm.createMany('companies', [{ properties: { name: 'Hooked' } }]);
    em.crm.update('contacts', contact?.id ?? '', { firstname: 'Changed' });
    em.crm.archive('companies', company?.id ?? '');
    await em.flushWebhooks();
    expect(hook.received.length).toBeGreaterThan(0);
    expect(hook.received.every((r) => r.accepted)).toBe(true);
    const changes = hook.received.flatMap((r) => parseHubspotWebhookEvents(r.request.body));
    expect(changes).toEqual([
      { object: 'contacts', ids: [contact?.id], deleted: false },
      { object: 'companies', ids: [company?.id], deleted: true },
    ]);

    const delivery = hook.received[0]?.request;
    if (!delivery) throw new Error('no delivery');
    const timestamp = Number(delivery.headers instanceof Headers ? delivery.headers.get('x-hubspot-request-timestamp') : delivery.headers['x-hubspot-request-timestamp']);
    expect(verifyHubspotWebhook({ ...delivery, secret: SECRET, now: timestamp + 6 * 60_000 })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(verifyHubspotWebhook({ ...delivery, secret: SECRET, body: `${delivery.body} ` })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyHubspotWebhook({ ...delivery, secret: 'another-secret' })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyHubspotWebhook({ ...delivery, secret: SECRET, uri: delivery.uri.replace('connection=hub', 'connection=other') })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses unsigned deliveries and reads headers in any case or as Headers', () => {
    const body = '[]';
    const uri = 'https://sync.example.com/push/hubspot';
    const now = Date.parse('2024-03-01T10:00:00.000Z');
    const signature = signV3({ secret: SECRET, method: 'POST', uri, body, timestamp: now });
    expect(verifyHubspotWebhook({ method: 'POST', uri, body, headers: {}, secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'missing_signature',
      message: 'HubSpot webhook refused: the X-HubSpot-Signature-v3 header is missing.',
    });
    expect(verifyHubspotWebhook({ method: 'POST', uri, body, headers: { 'X-HUBSPOT-SIGNATURE-V3': signature }, secret: SECRET, now })).toMatchObject({ reason: 'missing_timestamp' });
    const headers = new Headers({ 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(now) });
    expect(verifyHubspotWebhook({ method: 'post', uri, body, headers, secret: SECRET, now: now + 60_000 })).toEqual({ ok: true });
    expect(verifyHubspotWebhook({ method: 'POST', uri, body, headers, secret: SECRET, now: now - 6 * 60_000 })).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('groups events by object; the latest event of a record decides; merges delete the merged records; an association change changes its from record', () => {
    const events = [
      { subscriptionType: 'deal.creation', objectId: 7, occurredAt: 1 },
      { subscriptionType: 'deal.propertyChange', objectId: 7, occurredAt: 2, propertyName: 'amount' },
      { subscriptionType: 'deal.deletion', objectId: 8, occurredAt: 1 },
      { subscriptionType: 'deal.restore', objectId: 8, occurredAt: 3 },
      { subscriptionType: 'contact.propertyChange', objectId: 9, occurredAt: 1 },
      { subscriptionType: 'contact.deletion', objectId: 9, occurredAt: 4 },
      { subscriptionType: 'contact.merge', objectId: 10, primaryObjectId: 10, mergedObjectIds: [10, 11], occurredAt: 5 },
      { subscriptionType: 'contact.privacyDeletion', objectId: 12, occurredAt: 5 },
      { subscriptionType: 'company.associationChange', fromObjectId: 1, occurredAt: 5 },
      { subscriptionType: 'ticket.creation', objectId: 99, occurredAt: 5 },
    ];
    expect(parseHubspotWebhookEvents(JSON.stringify(events))).toEqual([
      { object: 'deals', ids: ['7', '8'], deleted: false },
      { object: 'contacts', ids: ['10'], deleted: false },
      { object: 'contacts', ids: ['9', '11', '12'], deleted: true },
      { object: 'companies', ids: ['1'], deleted: false },
    ]);
    expect(() => parseHubspotWebhookEvents('{"not":"an array"}')).toThrow(SyntaxError);
  });
});
