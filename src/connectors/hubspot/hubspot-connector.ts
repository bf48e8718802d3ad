// HubSpot's CRM as a connector: objects v3 (list, batch read/create/update, search for changes),
// properties v3 for describe(), associations v4 (associations-api.ts), all through one HTTP
// client that holds the token, the request budget and the retries.
import type {
  ChangeCursor,
  ChangePage,
  ChangesOptions,
  Connector,
  ConnectorContext,
  CreateInput,
  ListOptions,
  ObjectDescription,
  Page,
  RemoteRecord,
  UpdateInput,
  WriteResult,
} from '../types.js';
import {
  type AssociationInput,
  type AssociationLink,
  type AssociationResult,
  archiveAssociations,
  createAssociations,
  readAssociations,
} from './associations.js';
import { HubspotAssociations } from './associations-api.js';
import { DEFAULT_OVERLAP_MS, DeliveredChanges, changePages } from './changes.js';
import type { HubspotContext } from './context.js';
import { createRecords } from './create.js';
import { describeObject } from './describe.js';
import { HubspotHttpClient, type HttpSettings } from './http-client.js';
import { type ArchivedPage, listArchivedPages, listPages } from './list.js';
import { type ParsedHubspotOptions, type RateLimits, TIER_LIMITS } from './options.js';
import { type BudgetSettings, type Clock, RequestBudget, systemClock } from './rate-limiter.js';
import { readRecords } from './read.js';
import { updateRecords } from './update.js';

/** Settings that are not connection options: tuning for tests, benchmarks and odd networks. */
export interface HubspotConnectorSettings extends HttpSettings, Omit<BudgetSettings, 'connection'> {
  /** Requests one call may have in flight at once (default 4). */
  concurrency?: number;
  /** How far back changes() re-reads when the caller names no overlap (default 30 s). */
  changesOverlapMs?: number;
  /** Overrides of the tier's request budget. */
  limits?: Partial<RateLimits>;
  clock?: Clock;
}

/** The HubSpot connector. Nothing is sent until a method is called. */
export class HubspotConnector implements Connector {
  /** The base URL requests go to. */
  readonly baseUrl: string;
  private readonly http: HubspotHttpClient;
  private readonly ctx: HubspotContext;
  private readonly descriptions = new Map<string, Promise<ObjectDescription>>();
  private readonly delivered = new DeliveredChanges();
  private readonly overlapMs: number;
  /** Associations v4 as the engine's associations API (contacts, companies, deals; no scan). */
  readonly associations: HubspotAssociations;

  constructor(options: ParsedHubspotOptions, context: ConnectorContext, settings: HubspotConnectorSettings = {}) {
    this.baseUrl = options.baseUrl;
    const clock = settings.clock ?? systemClock;
    const limits = { ...TIER_LIMITS[options.tier], ...settings.limits };
    const budget = new RequestBudget(limits, clock, { ...settings, connection: context.connection });
    this.http = new HubspotHttpClient(options.baseUrl, options.token, context.connection, budget, settings, clock);
    this.overlapMs = settings.changesOverlapMs ?? DEFAULT_OVERLAP_MS;
    this.ctx = {
      http: this.http,
      connection: context.connection,
      concurrency: Math.max(1, settings.concurrency ?? 4),
      describe: (object) => this.describe(object),
    };
    this.associations = new HubspotAssociations(this.ctx);
  }

  /** The request budget in force (the tier's, as adjusted by HubSpot's headers). */
  get budget(): { windowMax: number; windowMs: number; daily: number } {
    return this.http.budget.limits;
  }

  /** Fields from the properties API, read once per object and connector. */
  describe(object: string): Promise<ObjectDescription> {
    let found = this.descriptions.get(object);
    if (!found) {
      found = describeObject(this.http, this.ctx.connection, object);
      // A failed describe is not remembered: the next call asks again.
      found.catch(() => this.descriptions.delete(object));
      this.descriptions.set(object, found);
    }
    return found;
  }

  /** Every active record, page by page (HubSpot's `after` cursor; at most 100 per page). */
  list(object: string, options: ListOptions): AsyncIterable<Page> {
    return listPages(this.ctx, object, options);
  }

  /** Archived (deleted) records, page by page: how deletes in HubSpot are found. */
  listArchived(object: string, options: ListOptions): AsyncIterable<ArchivedPage> {
    return listArchivedPages(this.ctx, object, options);
  }

  /** The records with these ids, in the order asked for; unknown ids are left out. */
  read(object: string, ids: readonly string[], properties?: readonly string[]): Promise<RemoteRecord[]> {
    return readRecords(this.ctx, object, ids, properties);
  }

  /** Creates records in batches of 100; a refused batch is split so one bad record fails alone. */
  create(object: string, inputs: readonly CreateInput[]): Promise<WriteResult[]> {
    return createRecords(this.ctx, object, inputs);
  }

  /** Updates records in batches of 100; one result per input, in input order. */
  update(object: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
    return updateRecords(this.ctx, object, inputs);
  }

  /**
   * Changes through the search API in (hs_lastmodifieddate, id) order. Without `overlapMs` the
   * last 30 s before the cursor are searched again for records the search index showed late,
   * leaving out versions this connector has returned already.
   */
  changes(object: string, since: ChangeCursor | undefined, options: ChangesOptions): AsyncIterable<ChangePage> {
    return changePages(this.ctx, object, since, options, this.delivered, this.overlapMs);
  }

  /** Associations v4 from each of `fromIds` to records of `to`. */
  readAssociations(from: string, to: string, fromIds: readonly string[]): Promise<AssociationLink[]> {
    return readAssociations(this.ctx, from, to, fromIds);
  }

  /** Creates associations (unlabeled, and primary where asked); one result per input. */
  createAssociations(from: string, to: string, inputs: readonly AssociationInput[]): Promise<AssociationResult[]> {
    return createAssociations(this.ctx, from, to, inputs);
  }

  /** Removes associations; one result per input. */
  archiveAssociations(from: string, to: string, inputs: readonly AssociationInput[]): Promise<AssociationResult[]> {
    return archiveAssociations(this.ctx, from, to, inputs);
  }

  /** Aborts requests in flight; the connector cannot be used afterwards. */
  async close(): Promise<void> {
    this.http.close();
  }
}
