// The emulator's own steering for a revoked token (setToken, POST /_emulator/token), and the span
// of API requests its stats report (what a benchmark divides requests by).
import { afterEach, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { TOKEN, api, startEmulator } from './helpers.js';

let em: HubspotEmulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

async function admin(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${em?.url ?? ''}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('revoking the token', () => {
  it('given a token accepted so far, when another is set, then the old one gets 401 INVALID_AUTHENTICATION and the new one works; null accepts any again', async () => {
    em = await startEmulator({ token: TOKEN });
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    em.setToken('pat-rotated');
    const refused = await api(em, 'GET', '/crm/v3/objects/contacts');
    expect(refused).toMatchObject({ status: 401, body: { category: 'INVALID_AUTHENTICATION' } });
    expect((await api(em, 'GET', '/crm/v3/objects/contacts', undefined, 'pat-rotated')).status).toBe(200);

    expect(await admin('/_emulator/token', { token: TOKEN })).toEqual({ status: 204, body: undefined });
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    expect((await api(em, 'GET', '/crm/v3/objects/contacts', undefined, 'pat-rotated')).status).toBe(401);
    expect((await admin('/_emulator/token', { token: null })).status).toBe(204);
    expect((await api(em, 'GET', '/crm/v3/objects/contacts', undefined, 'anything')).status).toBe(200);
    expect(await admin('/_emulator/token', { token: '' })).toMatchObject({ status: 400, body: { category: 'VALIDATION_ERROR', message: expect.stringMatching(/"token" must be/) } });
  });
});

describe('the span of API requests', () => {
  it('given API and admin requests, then the span covers the API ones only, and a reset clears it', async () => {
    em = await startEmulator();
    expect(em.stats().apiSpan).toBeNull();
    await fetch(`${em.url}/_emulator/health`);
    expect(em.stats().apiSpan).toBeNull();
    const before = Date.now();
    await api(em, 'GET', '/crm/v3/objects/contacts');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api(em, 'GET', '/crm/v3/objects/companies');
    const after = Date.now();
    await fetch(`${em.url}/_emulator/stats`);
    const span = em.stats().apiSpan;
    expect(span?.first).toBeGreaterThanOrEqual(before);
    expect(span?.last).toBeGreaterThan(span?.first ?? Infinity);
    expect(span?.last).toBeLessThanOrEqual(after);
    em.resetStats();
    expect(em.stats().apiSpan).toBeNull();
  });
});
