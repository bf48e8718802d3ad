import { type HubspotEmulator, type HubspotEmulatorOptions, startHubspotEmulator } from '../../src/emulator/hubspot/index.js';

export const TOKEN = 'pat-na1-test-token';

/** A started emulator; limits are off unless a test asks for them, so tests run at full speed. */
export function startEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  return startHubspotEmulator({ rateLimit: false, searchRateLimit: false, dailyLimit: false, ...options });
}

/** A response as tests look at it. */
export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the emulator with a bearer token (pass `token: null` for none). */
export async function api<T = Record<string, unknown>>(
  em: { url: string },
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${em.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

/** Creates contacts through the API and returns their ids. */
export async function createContacts(em: { url: string }, count: number, prefix = 'person'): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
      properties: { email: `${prefix}${start + i}@example.com`, firstname: `First${start + i}`, lastname: 'Test' },
    }));
    const reply = await api<{ results: Array<{ id: string }> }>(em, 'POST', '/crm/v3/objects/contacts/batch/create', { inputs });
    if (reply.status !== 201) throw new Error(`batch create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    ids.push(...reply.body.results.map((r) => r.id));
  }
  return ids;
}
