import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Signature } from '@hubspot/api-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type HubspotEmulator, type WebhookEvent, signV3, verifyV3 } from '../../src/emulator/hubspot/index.js';
import { api, startEmulator } from './helpers.js';

const SECRET = 'app-client-secret';

interface Delivery {
  events: WebhookEvent[];
  verdict: ReturnType<typeof verifyV3>;
  headers: IncomingMessage['headers'];
}

/** A webhook receiver on 127.0.0.1 that verifies every delivery with verifyV3. */
async function receiver(failFirst = 0): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  let failures = failFirst;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const address = server.address() as AddressInfo;
      const verdict = verifyV3({
        secret: SECRET,
        method: req.method ?? '',
        uri: `http://127.0.0.1:${address.port}${req.url ?? ''}`,
        body,
        timestamp: req.headers['x-hubspot-request-timestamp'] as string | undefined,
        signature: req.headers['x-hubspot-signature-v3'] as string | undefined,
      });
      if (failures > 0) {
        failures -= 1;
        res.writeHead(503).end();
        return;
      }
      deliveries.push({ events: JSON.parse(body) as WebhookEvent[], verdict, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hubspot?app=1`, deliveries, server };
}

describe('webhook delivery', () => {
  let em: HubspotEmulator | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await em?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('posts signed v3 batches for creations, property changes and deletions', async () => {
    const hook = await receiver();
    server = hook.server;
    em = await startEmulator({ webhook: { url: hook.url, secret: SECRET, batchMs: 20 }, portalId: 777 });
    const created = await api<{ id: string }>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'hook@example.com' } });
    await api(em, 'PATCH', `/crm/v3/objects/contacts/${created.body.id}`, { properties: { firstname: 'Hook' } });
    await api(em, 'DELETE', `/crm/v3/objects/contacts/${created.body.id}`);
    await em.flushWebhooks();
    const events = hook.deliveries.flatMap((d) => d.events);
    expect(hook.deliveries.every((d) => d.verdict.ok)).toBe(true);
    expect(events.map((e) => e.subscriptionType)).toEqual(['contact.creation', 'contact.propertyChange', 'contact.deletion']);
    expect(events[0]).toMatchObject({ objectId: Number(created.body.id), portalId: 777, attemptNumber: 0, changeFlag: 'NEW', changeSource: 'API' });
    expect(events[1]).toMatchObject({ propertyName: 'firstname', propertyValue: 'Hook' });
    expect(events.map((e) => e.eventId)).toEqual([1, 2, 3]);
    expect(typeof events[0]?.occurredAt).toBe('number');
    expect(hook.deliveries[0]?.headers['content-type']).toBe('application/json');
    expect(em.stats().webhooks.events).toBe(3);
  });

  it('retries a failed delivery with a higher attemptNumber', async () => {
    const hook = await receiver(1);
    server = hook.server;
    em = await startEmulator({ webhook: { url: hook.url, secret: SECRET, batchMs: 5, retryBaseMs: 20 } });
    await api(em, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Retry Inc' } });
    for (let i = 0; i < 200 && hook.deliveries.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hook.deliveries[0]?.events[0]).toMatchObject({ subscriptionType: 'company.creation', attemptNumber: 1 });
    expect(em.stats().webhooks.failedAttempts).toBe(1);
  });
});

describe('signature v3', () => {
  const now = 1_700_000_000_000;
  const base = { secret: SECRET, method: 'POST', uri: 'https://example.com/hooks?x=1', body: '[{"eventId":1}]' };

  it('matches the official client’s v3 signature', () => {
    const signature = signV3({ ...base, timestamp: now });
    expect(signature).toBe(Signature.getSignature('POST', 'v3', { clientSecret: SECRET, requestBody: base.body, url: base.uri, timestamp: now, signature: '' }));
  });

  it('accepts a fresh, correct signature and refuses stale, tampered or missing ones', () => {
    const signature = signV3({ ...base, timestamp: now });
    expect(verifyV3({ ...base, timestamp: String(now), signature, now: now + 1_000 })).toEqual({ ok: true });
    expect(verifyV3({ ...base, timestamp: String(now), signature, now: now + 5 * 60_000 + 1 })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyV3({ ...base, body: '[{"eventId":2}]', timestamp: String(now), signature, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyV3({ ...base, timestamp: String(now + 1), signature, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyV3({ ...base, timestamp: String(now), signature: undefined, now })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyV3({ ...base, timestamp: undefined, signature, now })).toEqual({ ok: false, reason: 'missing_timestamp' });
    expect(verifyV3({ ...base, timestamp: 'yesterday', signature, now })).toEqual({ ok: false, reason: 'invalid_timestamp' });
  });

  it('signs the URI with HubSpot’s listed escapes decoded (%3F is "?", %3D stays)', () => {
    const encoded = signV3({ ...base, uri: 'https://example.com/hooks%3Fa%3Db%2c', timestamp: now });
    expect(encoded).toBe(signV3({ ...base, uri: 'https://example.com/hooks?a%3Db,', timestamp: now }));
    expect(encoded).not.toBe(signV3({ ...base, uri: 'https://example.com/hooks?a=b,', timestamp: now }));
  });
});
