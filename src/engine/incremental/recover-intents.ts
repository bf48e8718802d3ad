// Crash recovery for the incremental engine's creates. A create is announced as an intent
// (committed) before it is sent; when the process dies before the result is saved, the next
// pass reads the target's changes since the intent was announced (the created record is among
// them: it is new) and links what it finds, by identifiers or by the hash of exactly the values
// written. Intents nothing answers were never carried out: they are dropped and their sources
// processed again, so nothing is created twice and nothing is lost.
import type { RemoteRecord } from '../../connectors/types.js';
import type { CreateIntent, RowWrite, Side } from '../record-index.js';
import { identifierKey } from '../record-index.js';
import { scanRecord } from '../records.js';
import { canonicalValues, type ValueField, valuesHash } from '../values.js';
import { processBatch, readSide } from './batch.js';
import { type ObjectRun, objectOn, other } from './context.js';
import { freshRow } from './rows.js';

/** When an intent was announced: incremental batches say so; others date from the run's start. */
function announcedAt(run: ObjectRun, intent: CreateIntent): number {
  const m = /^inc:(\d+):/.exec(intent.batch);
  return m ? Number(m[1]) : Date.parse(run.cp.startedAt);
}

class Matcher {
  private readonly byKey = new Map<string, CreateIntent>();
  private readonly byHash = new Map<string, CreateIntent[]>();
  readonly open = new Map<string, CreateIntent>();

  constructor(private readonly run: ObjectRun, private readonly target: Side, intents: readonly CreateIntent[]) {
    for (const i of intents) {
      this.open.set(i.sourceId, i);
      for (const k of i.keys) if (!this.byKey.has(k)) this.byKey.set(k, i);
      this.byHash.set(i.hash, [...(this.byHash.get(i.hash) ?? []), i]);
    }
  }

  /** The open intent `record` carries out, if any (and closes it). */
  take(record: RemoteRecord): CreateIntent | undefined {
    const scanned = scanRecord(this.run.ro, this.target, record);
    let found = scanned.identifiers.map((i) => this.byKey.get(identifierKey(i))).find((i) => i !== undefined && this.open.has(i.sourceId));
    if (!found) {
      // Intents of one batch share their fields: one hash per distinct field list.
      const fieldLists = new Map([...this.open.values()].map((i) => [i.fields.join('\u0000'), i.fields]));
      for (const fields of fieldLists.values()) {
        found = this.byHash.get(this.hashOf(record, fields))?.find((i) => this.open.has(i.sourceId) && i.fields.join('\u0000') === fields.join('\u0000'));
        if (found) break;
      }
    }
    if (found) this.open.delete(found.sourceId);
    return found;
  }

  private hashOf(record: RemoteRecord, fields: readonly string[]): string {
    const types = new Map<string, ValueField>();
    for (const f of fields) {
      const info = this.run.ro.describe[this.target].get(f);
      if (info) types.set(f, info);
    }
    return valuesHash(canonicalValues(record.properties, types));
  }
}

/** Resolves the object's open create intents (left by a crash); a no-op when there are none. */
export async function recoverIntents(run: ObjectRun): Promise<void> {
  const intents = await run.index.pendingIntents(run.key);
  for (const target of ['hub', 'app'] as const) {
    const list = intents.filter((i) => i.target === target);
    if (list.length > 0) await recoverOn(run, target, list);
  }
}

async function recoverOn(run: ObjectRun, target: Side, intents: readonly CreateIntent[]): Promise<void> {
  const source = other(target);
  const matcher = new Matcher(run, target, intents);
  const since = new Date(Math.min(...intents.map((i) => announcedAt(run, i)))).toISOString();
  const options = { pageSize: run.tuning.pageSize, properties: run.ro.properties[target], overlapMs: run.tuning.overlapMs };
  for await (const page of run.connectors[target].changes(objectOn(run, target), { updatedAt: since, id: '' }, options)) {
    const known = await run.index.rowsById(run.key, target, page.records.map((r) => r.id));
    const found: { record: RemoteRecord; intent: CreateIntent }[] = [];
    for (const record of page.records) {
      if (known.get(record.id)?.partnerId) continue;
      const intent = matcher.take(record);
      if (intent) found.push({ record, intent });
    }
    if (found.length > 0) {
      const sources = await run.index.rowsById(run.key, source, found.map((f) => f.intent.sourceId));
      const rows: RowWrite[] = [];
      for (const { record, intent } of found) {
        const srcRow = sources.get(intent.sourceId);
        const src = intent.source ?? srcRow;
        if (!src) continue;
        rows.push(freshRow(source, src, srcRow, 'in-sync', record.id, { synced: true }));
        rows.push(freshRow(target, scanRecord(run.ro, target, record), known.get(record.id), 'in-sync', intent.sourceId, { synced: true }));
      }
      await run.index.commit(run.key, run.cp.run, { rows, dropIntents: found.map((f) => ({ target, sourceId: f.intent.sourceId })) });
    }
    if (matcher.open.size === 0) break;
  }
  const unresolved = [...matcher.open.values()];
  if (unresolved.length === 0) return;
  await run.index.commit(run.key, run.cp.run, { dropIntents: unresolved.map((i) => ({ target, sourceId: i.sourceId })) });
  run.logger.info({ object: run.ro.object, target, count: unresolved.length }, 'creates announced before a crash were never made; their sources are processed again');
  const ids = unresolved.map((i) => i.sourceId);
  const read = await readSide(run, source, ids);
  await processBatch(run, { side: source, records: [...read.values()], missing: ids.filter((id) => !read.has(id)), force: true });
}
