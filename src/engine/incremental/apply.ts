// Carries out a batch's plan: announce creates (intents, committed first), send the writes
// with retries, then save every row in one index transaction. After a write, the values
// written become the new base and the target's new hash, so the engine's own write coming back
// as a change compares equal and causes nothing (echo suppression).
import type { CreateInput, Properties, UpdateInput, WriteResult } from '../../connectors/types.js';
import type { ResolvedObject } from '../mappings.js';
import { mergePair } from '../merge.js';
import type { CreateIntent, Identifier, IndexRow, RowWrite, ScannedRecord, Side } from '../record-index.js';
import { identifierKey } from '../record-index.js';
import { identify, scanRecord, withValues } from '../records.js';
import { valuesHash } from '../values.js';
import { type ObjectRun, objectOn, other } from './context.js';
import { authError, withRetry } from './retry.js';
import { freshRow, plainRecord, staleIdentifiers, statusRow } from './rows.js';
import { RetryingWriter } from './writer.js';

type Failed = Extract<WriteResult, { ok: false }>;
type Written = Extract<WriteResult, { ok: true }>;

/** A pair to bring in step: both records as read now, their rows, and what the merge writes. */
export interface PairJob {
  recs: Record<Side, ScannedRecord>;
  rows: Record<Side, IndexRow | undefined>;
  patch: Record<Side, Properties>;
  after: Record<Side, Properties>;
  /** Matched in this pass (not linked before): a failure leaves it unlinked. */
  isNew: boolean;
}

/** A record to create on the other side. */
export interface CreateJob {
  rec: ScannedRecord;
  row: IndexRow | undefined;
  build: { properties: Properties; values: Properties };
}

export interface Plan {
  /** The side the batch was read from. */
  side: Side;
  pairs: PairJob[];
  creates: CreateJob[];
  /** Rows decided without a write (excluded, skipped, failing, in queue). */
  rows: RowWrite[];
  stale: Record<Side, { seq: number; identifiers: readonly Identifier[] }[]>;
  failedHashes: Record<Side, { id: string; hash: string | null }[]>;
  failing: number;
}

/** A plan with nothing in it. */
export function emptyPlan(side: Side): Plan {
  return { side, pairs: [], creates: [], rows: [], stale: { hub: [], app: [] }, failedHashes: { hub: [], app: [] }, failing: 0 };
}

/** The target fields a create writes, sorted (an intent's hash covers exactly these). */
export function targetFields(ro: ResolvedObject, target: Side): string[] {
  return ro.fields.filter((f) => (target === 'hub' ? f.toHub : f.toApp)).map((f) => (target === 'hub' ? f.hub : f.app)).sort();
}

/** The batch name of incremental intents: it carries when they were announced (crash recovery reads it back). */
export function intentBatch(firstSource: string, at = Date.now()): string {
  return `inc:${at}:${firstSource}`;
}

/** Carries out `plan` and saves its rows. */
export async function applyPlan(run: ObjectRun, plan: Plan): Promise<void> {
  const { ro } = run;
  const side = plan.side;
  const target = other(side);
  const batch = intentBatch(plan.creates[0]?.rec.id ?? '');
  if (plan.creates.length > 0) {
    const fields = targetFields(ro, target);
    const intents: CreateIntent[] = plan.creates.map((c) => ({
      batch, target, sourceId: c.rec.id, fields, run: run.cp.run, source: plainRecord(c.rec),
      keys: identify(ro, target, c.build.values).identifiers.map(identifierKey), hash: valuesHash(c.build.values),
    }));
    await run.index.commit(run.key, run.cp.run, { addIntents: intents });
  }

  const writer = (s: Side): RetryingWriter => new RetryingWriter(run.connectors[s], objectOn(run, s), s, run.retry, run.logger, run.tuning.pageSize);
  const updates: Record<Side, { input: UpdateInput; job: PairJob }[]> = { hub: [], app: [] };
  for (const job of plan.pairs) {
    for (const s of ['hub', 'app'] as const) {
      if (Object.keys(job.patch[s]).length > 0) updates[s].push({ input: { id: job.recs[s].id, properties: job.patch[s] }, job });
    }
  }
  const [created, hubResults, appResults] = await Promise.all([
    plan.creates.length > 0 ? writer(target).create(plan.creates.map((c): CreateInput => ({ ref: c.rec.id, properties: c.build.properties }))) : [],
    updates.hub.length > 0 ? writer('hub').update(updates.hub.map((u) => u.input)) : [],
    updates.app.length > 0 ? writer('app').update(updates.app.map((u) => u.input)) : [],
  ]);
  const failures = new Map<PairJob, { failure: Failed; side: Side }>();
  const written = new Map<PairJob, Partial<Record<Side, Written>>>();
  const note = (list: { job: PairJob }[], results: WriteResult[], s: Side): void =>
    list.forEach((u, i) => {
      const r = results[i];
      if (r?.ok) written.set(u.job, { ...written.get(u.job), [s]: r });
      else if (!failures.has(u.job)) failures.set(u.job, { side: s, failure: r ?? { ok: false, category: 'unknown', message: 'no result from the connector.', retryable: true } });
    });
  note(updates.hub, hubResults, 'hub');
  note(updates.app, appResults, 'app');

  const rows = [...plan.rows];
  let auth: { side: Side; message: string } | undefined;
  for (const job of plan.pairs) {
    const failed = failures.get(job);
    if (failed) {
      if (failed.failure.category === 'auth_failed') auth ??= { side: failed.side, message: failed.failure.message };
      rows.push(...failedPair(plan, job, failed.failure));
      plan.failing += 1;
      continue;
    }
    for (const s of ['hub', 'app'] as const) {
      const w = written.get(job)?.[s];
      const final = w ? { ...withValues(ro, s, job.recs[s], job.after[s]), changedAt: w.updatedAt || job.recs[s].changedAt } : job.recs[s];
      rows.push(freshRow(s, final, job.rows[s], 'in-sync', job.recs[other(s)].id, { synced: true }));
      noteRewritten(plan, s, job.rows[s], final);
      if (w) run.report.written[s] += 1;
    }
  }
  const existing: ExistingConflict[] = [];
  plan.creates.forEach((c, i) => {
    const r = created[i];
    noteRewritten(plan, side, c.row, c.rec);
    if (r?.ok) {
      rows.push(freshRow(side, c.rec, c.row, 'in-sync', r.id, { synced: true }));
      const { identifiers, emailOk } = identify(ro, target, c.build.values);
      const made: ScannedRecord = { id: r.id, identifiers, values: c.build.values, hash: valuesHash(c.build.values), filterOk: true, emailOk, changedAt: r.updatedAt || null };
      rows.push(freshRow(target, made, undefined, 'in-sync', c.rec.id, { synced: true }));
      run.report.written[target] += 1;
      return;
    }
    if (r && !r.ok && r.existingId !== undefined) {
      // The app says the record exists already (HubSpot's 409 "Existing ID: N"): link to it below.
      existing.push({ job: c, existingId: r.existingId, failure: r });
      return;
    }
    const category = r && !r.ok ? r.category : 'unknown';
    if (category === 'auth_failed') auth ??= { side: target, message: r && !r.ok ? r.message : '' };
    rows.push(freshRow(side, c.rec, c.row, 'failing', null, { category, message: r && !r.ok ? r.message : 'no result from the connector.' }));
    plan.failing += 1;
  });

  await run.index.commit(run.key, run.cp.run, { rows, ...(plan.creates.length > 0 ? { dropIntentBatches: [{ target, batch }] } : {}) });
  for (const s of ['hub', 'app'] as const) {
    const stale = plan.stale[s].filter((e) => e.identifiers.length > 0);
    if (stale.length > 0) await run.inc.dropIdentifiers(run.key, s, stale);
    if (plan.failedHashes[s].length > 0) await run.inc.setFailedHashes(run.key, s, plan.failedHashes[s]);
  }
  run.report.failing += plan.failing;
  if (auth) throw authError(run.connections[auth.side], auth.message);
  if (existing.length > 0) await linkExisting(run, side, existing);
}

interface ExistingConflict {
  job: CreateJob;
  existingId: string;
  failure: Failed;
}

/**
 * Creates the app refused because the record already exists there (it was created since the
 * index last saw it, or the app matches on a field syncctl does not): read those records and
 * link each source to its existing record, merged as a new match, instead of failing. A record
 * already linked to something else, or gone again, keeps the app's conflict as its failure.
 */
async function linkExisting(run: ObjectRun, side: Side, conflicts: readonly ExistingConflict[]): Promise<void> {
  const { ro } = run;
  const target = other(side);
  const ids = [...new Set(conflicts.map((c) => c.existingId))];
  const [read, rows] = await Promise.all([
    withRetry(() => run.connectors[target].read(objectOn(run, target), ids, ro.properties[target]), run.retry),
    run.index.rowsById(run.key, target, ids),
  ]);
  const found = new Map(read.map((r) => [r.id, scanRecord(ro, target, r)]));
  const plan = emptyPlan(side);
  const taken = new Set<string>();
  for (const { job, existingId, failure } of conflicts) {
    const rec = found.get(existingId);
    const row = rows.get(existingId);
    const fail = (message: string): void => {
      plan.rows.push(freshRow(side, job.rec, job.row, 'failing', null, { category: failure.category, message }));
      plan.failing += 1;
    };
    if (!rec || taken.has(existingId) || (row?.partnerId != null && row.partnerId !== job.rec.id)) {
      fail(rec ? `${failure.message} (that ${target} record is already linked to another record)` : failure.message);
      continue;
    }
    const merge = side === 'hub' ? mergePair(ro, job.rec.values, rec.values) : mergePair(ro, rec.values, job.rec.values);
    if (!merge.ok) {
      plan.rows.push(freshRow(side, job.rec, job.row, 'failing', null, { category: merge.category, message: merge.message }));
      plan.failing += 1;
      continue;
    }
    taken.add(existingId);
    const recs = side === 'hub' ? { hub: job.rec, app: rec } : { hub: rec, app: job.rec };
    const pairRows = side === 'hub' ? { hub: job.row, app: row } : { hub: row, app: job.row };
    plan.pairs.push({ recs, rows: pairRows, patch: merge.patch, after: merge.after, isNew: true });
    run.logger.info({ side, id: job.rec.id, existingId }, 'create refused as existing; linked to the existing record');
  }
  await applyPlan(run, plan);
}

/** Rows of a pair whose write failed: nothing of it counts as synced, so the next try sees the same changes. */
function failedPair(plan: Plan, job: PairJob, failure: Failed): RowWrite[] {
  const extra = { category: failure.category, message: failure.message };
  if (job.isNew) {
    // Not linked yet: the record stays unlinked and is matched again on its next try.
    const s = plan.side;
    return [freshRow(s, job.recs[s], job.rows[s], 'failing', null, extra)];
  }
  const out: RowWrite[] = [];
  for (const s of ['hub', 'app'] as const) {
    const row = job.rows[s];
    if (row) out.push(statusRow(row, 'failing', extra));
    plan.failedHashes[s].push({ id: job.recs[s].id, hash: job.recs[s].hash });
  }
  return out;
}

/** Bookkeeping for a row rewritten with `final`: forget identifiers it lost and a failed hash it had. */
function noteRewritten(plan: Plan, s: Side, row: IndexRow | undefined, final: ScannedRecord): void {
  if (!row) return;
  const stale = staleIdentifiers(row, final);
  if (stale.length > 0) plan.stale[s].push({ seq: row.seq, identifiers: stale });
  if (row.status === 'failing') plan.failedHashes[s].push({ id: row.id, hash: null });
}
