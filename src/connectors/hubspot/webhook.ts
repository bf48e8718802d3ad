// HubSpot webhooks v3 for the runner's push endpoint: verify a delivery before anything else,
// then turn its events into "these records of this object changed / were deleted". The
// signature check (./signature.ts) is the same code the emulator signs with.
import { MAX_SIGNATURE_AGE_MS, REQUEST_TIMESTAMP_HEADER, SIGNATURE_V3_HEADER, type SignatureRejection, verifyV3 } from './signature.js';

/** A delivery as the push endpoint received it. */
export interface HubspotWebhookRequest {
  method: string;
  /** The full URI HubSpot posted to (scheme, host, path and query), as configured in the app — not as a proxy rewrote it. */
  uri: string;
  /** The raw body, exactly as received. */
  body: string;
  /** Request headers; names in any case. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>> | Headers;
  /** The app's client secret. */
  secret: string;
  /** The receiver's clock (epoch ms); Date.now() when absent. */
  now?: number;
}

/** The verdict: accept, or refuse (with 401) for a reason worth logging. */
export type HubspotWebhookVerdict = { ok: true } | { ok: false; reason: SignatureRejection; message: string };

const MESSAGES: Record<SignatureRejection, string> = {
  missing_signature: `the ${SIGNATURE_V3_HEADER} header is missing`,
  missing_timestamp: `the ${REQUEST_TIMESTAMP_HEADER} header is missing`,
  invalid_timestamp: `${REQUEST_TIMESTAMP_HEADER} is not a time in epoch milliseconds`,
  stale_timestamp: `the request was signed more than ${MAX_SIGNATURE_AGE_MS / 60_000} minutes away from now`,
  bad_signature: 'the signature does not match the request and the app secret',
};

function header(headers: HubspotWebhookRequest['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/**
 * Verifies X-HubSpot-Signature-v3 (base64 HMAC-SHA256 of method + URI + body + timestamp with
 * the app secret), refusing a timestamp more than five minutes from now or a bad signature.
 */
export function verifyHubspotWebhook(request: HubspotWebhookRequest): HubspotWebhookVerdict {
  const verdict = verifyV3({
    secret: request.secret,
    method: request.method,
    uri: request.uri,
    body: request.body,
    timestamp: header(request.headers, REQUEST_TIMESTAMP_HEADER),
    signature: header(request.headers, SIGNATURE_V3_HEADER),
    ...(request.now === undefined ? {} : { now: request.now }),
  });
  return verdict.ok ? verdict : { ok: false, reason: verdict.reason, message: `HubSpot webhook refused: ${MESSAGES[verdict.reason]}.` };
}

/** Records of one object that a delivery says changed (or were deleted). */
export interface HubspotWebhookChange {
  object: string;
  ids: string[];
  deleted: boolean;
}

const OBJECTS: Readonly<Record<string, string>> = { contact: 'contacts', company: 'companies', deal: 'deals' };
const DELETIONS = new Set(['deletion', 'privacyDeletion']);

interface RawEvent {
  subscriptionType?: unknown;
  occurredAt?: unknown;
  objectId?: unknown;
  primaryObjectId?: unknown;
  mergedObjectIds?: unknown;
  newObjectId?: unknown;
  /** associationChange: the record of the subscription's object whose associations changed… */
  fromObjectId?: unknown;
  /** …and the record at the other end (of another object, or of the same one). */
  toObjectId?: unknown;
}

function idText(value: unknown): string | undefined {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^\d+$/.test(value)) ? String(value) : undefined;
}

/**
 * Groups a delivery's events (`contact.creation`, `company.propertyChange`, `deal.deletion`, …)
 * into changed and deleted ids per object; for a record named several times, its latest event
 * (by occurredAt) decides. A merge changes the surviving record and deletes the merged ones.
 * An association change (`contact.associationChange`, …) changes its from record
 * (`fromObjectId`, a record of the subscription's object): the engine re-reads the associations
 * around changed records. HubSpot sends one event per end (contact→company and company→contact),
 * so each end is named by its own event. An association change never revives a record an
 * earlier event deleted (removing a deleted record's associations fires one too). Event types
 * that say nothing about a record are left out. Throws a SyntaxError for a body that is not a
 * JSON array.
 */
export function parseHubspotWebhookEvents(body: string | unknown): HubspotWebhookChange[] {
  const events: unknown = typeof body === 'string' ? JSON.parse(body) : body;
  if (!Array.isArray(events)) throw new SyntaxError('a HubSpot webhook delivery is a JSON array of events');
  const ordered = (events as RawEvent[])
    .map((event, i) => ({ event, i, at: typeof event?.occurredAt === 'number' ? event.occurredAt : 0 }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  // object -> id -> deleted; a Map keeps first-seen order for the output.
  const state = new Map<string, Map<string, boolean>>();
  const mark = (object: string, id: string | undefined, deleted: boolean): void => {
    if (id === undefined) return;
    let ids = state.get(object);
    if (!ids) state.set(object, (ids = new Map()));
    ids.set(id, deleted);
  };
  for (const { event } of ordered) {
    const [kind = '', action = ''] = typeof event?.subscriptionType === 'string' ? event.subscriptionType.split('.') : [];
    const object = OBJECTS[kind];
    if (!object) continue;
    if (action === 'associationChange') {
      const id = idText(event.fromObjectId);
      if (id !== undefined && state.get(object)?.get(id) !== true) mark(object, id, false);
    } else if (DELETIONS.has(action)) mark(object, idText(event.objectId), true);
    else if (action === 'creation' || action === 'propertyChange' || action === 'restore') mark(object, idText(event.objectId), false);
    else if (action === 'merge') {
      const survivor = idText(event.primaryObjectId ?? event.newObjectId ?? event.objectId);
      for (const id of Array.isArray(event.mergedObjectIds) ? event.mergedObjectIds : []) if (idText(id) !== survivor) mark(object, idText(id), true);
      mark(object, survivor, false);
    }
  }
  const out: HubspotWebhookChange[] = [];
  for (const [object, ids] of state) {
    for (const deleted of [false, true]) {
      const list = [...ids].filter(([, d]) => d === deleted).map(([id]) => id);
      if (list.length > 0) out.push({ object, ids: list, deleted });
    }
  }
  return out;
}
