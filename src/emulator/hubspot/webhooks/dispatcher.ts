// Delivers change events to a webhook URL the way HubSpot's webhooks v3 do: JSON arrays of up
// to 100 events, signed with X-HubSpot-Signature-v3, retried with a growing delay when the
// receiver does not answer 2xx (attemptNumber counts the retries). Creations, property changes,
// deletions and association changes (fromObjectId/toObjectId, one event per end and type).
import type { Logger } from 'pino';
import type { ChangeEvent } from '../crm/events.js';
import { singularName, upperName } from '../object-types.js';
import { REQUEST_TIMESTAMP_HEADER, SIGNATURE_V3_HEADER, signV3 } from '../../../connectors/hubspot/signature.js';
import type { StatsCollector } from '../stats.js';

/** Where and how to deliver webhooks. */
export interface WebhookOptions {
  url: string;
  /** The app's client secret used to sign. */
  secret: string;
  portalId: number;
  appId: number;
  /** Events are collected for this long before a batch is sent. */
  batchMs?: number;
  /** At most this many events per request (HubSpot: 100). */
  maxBatchSize?: number;
  /** Attempts per batch before its events are dropped (HubSpot retries up to 10 times). */
  maxAttempts?: number;
  /** First retry delay; each retry doubles it (capped at one minute). */
  retryBaseMs?: number;
  /** Properties whose changes are delivered; every property when absent. */
  properties?: readonly string[];
}

/** One event as HubSpot's webhooks v3 send it. */
export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  /** The changed record (every event type but associationChange). */
  objectId?: number;
  changeSource: string;
  changeFlag?: string;
  propertyName?: string;
  propertyValue?: string;
  /** associationChange: e.g. CONTACT_TO_COMPANY, from the subscription's object to the other one. */
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

const SYSTEM_PROPERTIES = new Set(['hs_lastmodifieddate', 'lastmodifieddate', 'hs_email_domain']);
const SUBSCRIPTION_IDS = new Map<string, number>();

/** A stable subscription id per subscription type, as one app's subscriptions would have. */
function subscriptionId(type: string): number {
  let id = SUBSCRIPTION_IDS.get(type);
  if (id === undefined) {
    id = 100_001 + [...type].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7) % 900_000;
    SUBSCRIPTION_IDS.set(type, id);
  }
  return id;
}

/** Queues, batches, signs and sends webhook deliveries. */
export class WebhookDispatcher {
  private queue: WebhookEvent[] = [];
  private nextEventId = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly options: WebhookOptions,
    private readonly stats: StatsCollector,
    private readonly logger?: Logger,
  ) {}

  /** Turns a change into a webhook event and queues it (system properties are not subscribed). */
  enqueue(change: ChangeEvent): void {
    if (this.closed) return;
    if (change.kind === 'propertyChange') {
      const name = change.propertyName ?? '';
      if (SYSTEM_PROPERTIES.has(name) || (this.options.properties && !this.options.properties.includes(name))) return;
    }
    const subscriptionType = `${singularName(change.objectType)}.${change.kind}`;
    const link = change.association;
    this.queue.push({
      eventId: this.nextEventId++,
      subscriptionId: subscriptionId(subscriptionType),
      portalId: this.options.portalId,
      appId: this.options.appId,
      occurredAt: change.occurredAt,
      subscriptionType,
      attemptNumber: 0,
      ...(link
        ? {
            associationType: `${upperName(change.objectType)}_TO_${upperName(link.toObjectType)}`,
            fromObjectId: Number(change.objectId),
            toObjectId: Number(link.toObjectId),
            associationRemoved: link.removed,
            isPrimaryAssociation: link.primary,
          }
        : { objectId: Number(change.objectId) }),
      changeSource: 'API',
      ...(change.kind === 'creation' ? { changeFlag: 'NEW' } : {}),
      ...(change.kind === 'deletion' ? { changeFlag: 'DELETED' } : {}),
      ...(change.kind === 'propertyChange' ? { propertyName: change.propertyName, propertyValue: change.propertyValue ?? '' } : {}),
    });
    if (this.queue.length >= (this.options.maxBatchSize ?? 100)) this.sendQueued();
    else this.timer ??= setTimeout(() => this.sendQueued(), this.options.batchMs ?? 100);
  }

  /** Sends everything queued now and waits for all deliveries in flight (not for scheduled retries). */
  async flush(): Promise<void> {
    this.sendQueued();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops: nothing more is sent, pending retries are dropped, requests in flight are aborted. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private sendQueued(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const size = this.options.maxBatchSize ?? 100;
    while (this.queue.length > 0) this.deliver(this.queue.splice(0, size));
  }

  private deliver(events: WebhookEvent[]): void {
    const run = this.post(events).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async post(events: WebhookEvent[]): Promise<void> {
    if (this.closed) return;
    const body = JSON.stringify(events);
    const timestamp = Date.now();
    const headers = {
      'Content-Type': 'application/json',
      [SIGNATURE_V3_HEADER]: signV3({ secret: this.options.secret, method: 'POST', uri: this.options.url, body, timestamp }),
      [REQUEST_TIMESTAMP_HEADER]: String(timestamp),
      'User-Agent': 'HubSpot Connect 2.0 (syncctl emulator)',
    };
    let failure: string | undefined;
    try {
      const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(5_000)]);
      const response = await fetch(this.options.url, { method: 'POST', headers, body, signal });
      await response.arrayBuffer();
      if (response.status < 200 || response.status >= 300) failure = `HTTP ${response.status}`;
    } catch (err) {
      failure = (err as Error).message;
    }
    if (failure === undefined) {
      this.stats.webhookDelivered(events.length);
      return;
    }
    if (this.closed) return;
    this.stats.webhookFailed();
    const attempt = (events[0]?.attemptNumber ?? 0) + 1;
    if (attempt >= (this.options.maxAttempts ?? 10)) {
      this.stats.webhookDropped(events.length);
      this.logger?.warn({ url: this.options.url, events: events.length, failure }, 'webhook batch dropped after the last attempt');
      return;
    }
    const delay = Math.min(60_000, (this.options.retryBaseMs ?? 1_000) * 2 ** (attempt - 1));
    this.logger?.info({ url: this.options.url, attempt, delay, failure }, 'webhook delivery failed; will retry');
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.deliver(events.map((e) => ({ ...e, attemptNumber: attempt })));
    }, delay);
    this.retries.add(timer);
  }
}
