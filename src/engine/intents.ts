// Crash recovery for creates. Before a batch of creates is sent, each is recorded as an intent
// (committed). If the process dies before the results are saved, the next run rescans the
// target side and finds each created record by the identifiers it was given, or else by the
// hash of exactly the values written; found ones are linked, the rest were never created and
// are dropped so that their source records are processed (and created) again.
import type { RemoteRecord } from '../connectors/types.js';
import type { ObjectContext } from './context.js';
import type { CreateIntent, IndexWork, RowWrite, ScannedRecord, Side } from './record-index.js';
import { identifierKey } from './record-index.js';
import { canonicalValues, type ValueField, valuesHash } from './values.js';

interface HashGroup {
  fields: ReadonlyMap<string, ValueField>;
  byHash: Map<string, CreateIntent[]>;
}

/** What one page of a rescan resolved. */
export interface Resolution {
  /** The target records that were found (to be indexed with the links). */
  found: ScannedRecord[];
  /** Sources that were not indexed yet (carried by their intents), now linked. */
  rows: RowWrite[];
  links: NonNullable<IndexWork['links']>[number][];
  drops: NonNullable<IndexWork['dropIntents']>[number][];
}

/** Matches a rescan of one side against the open create intents on it. */
export class IntentResolver {
  private readonly byKey = new Map<string, CreateIntent>();
  private readonly groups = new Map<string, HashGroup>();
  private readonly open = new Map<string, CreateIntent>();

  constructor(
    private readonly ctx: ObjectContext,
    readonly target: Side,
    intents: readonly CreateIntent[],
  ) {
    const types = ctx.ro.describe[target];
    for (const intent of intents) {
      this.open.set(intent.sourceId, intent);
      for (const k of intent.keys) if (!this.byKey.has(k)) this.byKey.set(k, intent);
      const sig = intent.fields.join('\u0000');
      let group = this.groups.get(sig);
      if (!group) {
        group = { fields: new Map(intent.fields.map((f) => [f, types.get(f) ?? { type: 'string' }])), byHash: new Map() };
        this.groups.set(sig, group);
      }
      const list = group.byHash.get(intent.hash) ?? [];
      list.push(intent);
      group.byHash.set(intent.hash, list);
    }
  }

  /** Properties a rescan must read so that the hashes can be computed. */
  get properties(): string[] {
    return [...new Set([...this.groups.values()].flatMap((g) => [...g.fields.keys()]))];
  }

  get pending(): number {
    return this.open.size;
  }

  private candidate(record: RemoteRecord, scanned: ScannedRecord, claimed: ReadonlySet<string>): CreateIntent | undefined {
    const usable = (i: CreateIntent | undefined): boolean => i !== undefined && this.open.has(i.sourceId) && !claimed.has(i.sourceId);
    for (const id of scanned.identifiers) {
      const intent = this.byKey.get(identifierKey(id));
      if (usable(intent)) return intent;
    }
    for (const group of this.groups.values()) {
      // Identical records created from identical sources pair up one to one.
      const intent = group.byHash.get(valuesHash(canonicalValues(record.properties, group.fields)))?.find(usable);
      if (intent) return intent;
    }
    return undefined;
  }

  /** Matches a page of the target's records against the open intents. */
  async check(records: readonly RemoteRecord[], scanned: readonly ScannedRecord[]): Promise<Resolution> {
    const out: Resolution = { found: [], rows: [], links: [], drops: [] };
    if (this.open.size === 0) return out;
    const hits: { scanned: ScannedRecord; intent: CreateIntent }[] = [];
    const claimed = new Set<string>();
    records.forEach((record, i) => {
      const s = scanned[i];
      if (!s) return;
      const intent = this.candidate(record, s, claimed);
      if (intent) {
        claimed.add(intent.sourceId);
        hits.push({ scanned: s, intent });
      }
    });
    if (hits.length === 0) return out;
    // A record already linked to someone else was not created by these intents.
    const known = await this.ctx.index.rowsById(this.ctx.key, this.target, hits.map((h) => h.scanned.id));
    const source: Side = this.target === 'hub' ? 'app' : 'hub';
    for (const { scanned: s, intent } of hits) {
      const row = known.get(s.id);
      if (row?.partnerId && row.partnerId !== intent.sourceId) continue;
      this.open.delete(intent.sourceId);
      out.found.push(s);
      out.links.push({ side: this.target, id: s.id, partnerId: intent.sourceId });
      if (intent.source) out.rows.push({ ...intent.source, side: source, status: 'in-sync', partnerId: s.id, synced: true });
      else out.links.push({ side: source, id: intent.sourceId, partnerId: s.id });
      out.drops.push({ target: this.target, sourceId: intent.sourceId });
      this.ctx.counts.created[this.target] += 1;
    }
    return out;
  }

  /** Intents no rescanned record answered: those creates never happened. */
  unresolved(): NonNullable<IndexWork['dropIntents']> {
    return [...this.open.values()].map((i) => ({ target: i.target, sourceId: i.sourceId }));
  }
}
