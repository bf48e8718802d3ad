// Carries out a page of decisions: announce creates (intents, committed), send the writes in
// batches, then save every row, the created records, the counts and the checkpoint in one
// transaction. A crash before that transaction leaves the page to be redone: updates are
// idempotent and the intents tell the rerun which creates may already have happened.
import type { CreateInput, UpdateInput, WriteResult } from '../connectors/types.js';
import { type ObjectContext, objectOn } from './context.js';
import type { Outcome } from './decide.js';
import { type ResolvedObject, otherSide as other } from './mappings.js';
import type { Checkpoint, CreateIntent, IndexRow, RowWrite, ScannedRecord, Side } from './record-index.js';
import { identifierKey } from './record-index.js';
import { mergePair } from './merge.js';
import { identify, scanRecord, withValues } from './records.js';
import { countFailing } from './report.js';
import { valuesHash } from './values.js';

type Pair = Extract<Outcome, { kind: 'pair' }>;
type Create = Extract<Outcome, { kind: 'create' }>;
type Failed = Extract<WriteResult, { ok: false }>;

// Records read back from the index this run carry their seq: they are rewritten in place.
function row(side: Side, rec: ScannedRecord | IndexRow, status: RowWrite['status'], partnerId: string | null, extra: Partial<RowWrite> = {}): RowWrite {
  return {
    id: rec.id, identifiers: rec.identifiers, values: rec.values, hash: rec.hash, filterOk: rec.filterOk, emailOk: rec.emailOk,
    changedAt: rec.changedAt, side, status, partnerId, synced: false, ...('seq' in rec ? { seq: rec.seq } : {}), ...extra,
  };
}

function targetFields(ro: ResolvedObject, target: Side): string[] {
  return ro.fields.filter((f) => (target === 'hub' ? f.toHub : f.toApp)).map((f) => (target === 'hub' ? f.hub : f.app)).sort();
}

/** What the index will know of a record once created: worked out once, for its intent and its row. */
interface Made {
  identifiers: ScannedRecord['identifiers'];
  emailOk: boolean;
  hash: string;
}

function made(ro: ResolvedObject, target: Side, c: Create): Made {
  return { ...identify(ro, target, c.build.values), hash: valuesHash(c.build.values) };
}

/** The created record as the index keeps it. */
function createdRecord(id: string, c: Create, m: Made, changedAt: string | undefined): ScannedRecord {
  return { id, identifiers: m.identifiers, values: c.build.values, hash: m.hash, filterOk: true, emailOk: m.emailOk, changedAt: changedAt ?? null };
}

function sameIdentifiers(a: ScannedRecord, b: ScannedRecord): boolean {
  return a.identifiers.length === b.identifiers.length && a.identifiers.every((x, i) => x.prop === b.identifiers[i]?.prop && x.value === b.identifiers[i]?.value);
}

/**
 * Executes one page of outcomes for `side`'s rows (read from the index in this run), then saves
 * `checkpoint`. `deferPartners`: writes to the other side's existing rows wait for settle().
 */
export async function executePage(ctx: ObjectContext, side: Side, outcomes: readonly Outcome[], checkpoint: Checkpoint, deferPartners: boolean): Promise<void> {
  const { ro } = ctx;
  // The page's rows are this run's index rows: rewritten where they lie, identifiers as indexed.
  const known = { identifiersIndexed: true, valuesUnchanged: true };
  const partner = deferPartners ? { deferred: true } : {};
  const target = other(side);
  const creates = outcomes.filter((o): o is Create => o.kind === 'create');
  const pairs = outcomes.filter((o): o is Pair => o.kind === 'pair');

  // The sources are index rows: a rerun that finds a created record links it to its source.
  const batch = `${ctx.cp.run}:${creates[0]?.rec.id ?? ''}`;
  const makes = creates.map((c) => made(ro, target, c));
  if (creates.length > 0) {
    const fields = targetFields(ro, target);
    const intents: CreateIntent[] = creates.map((c, i) => ({
      batch,
      target,
      sourceId: c.rec.id,
      keys: (makes[i]?.identifiers ?? []).map(identifierKey),
      fields,
      hash: makes[i]?.hash ?? '',
      run: ctx.cp.run,
    }));
    await ctx.index.commit(ctx.key, ctx.cp.run, { addIntents: intents });
  }

  const updates: Record<Side, { input: UpdateInput; pair: Pair }[]> = { hub: [], app: [] };
  for (const p of pairs) {
    for (const s of ['hub', 'app'] as const) {
      if (Object.keys(p.merge.patch[s]).length === 0) continue;
      const id = s === side ? p.rec.id : p.partner.id;
      updates[s].push({ input: { id, properties: p.merge.patch[s] }, pair: p });
    }
  }
  const [created, hubUpdated, appUpdated] = await Promise.all([
    ctx.writers[target].create(creates.map((c): CreateInput => ({ ref: c.rec.id, properties: c.build.properties }))),
    ctx.writers.hub.update(updates.hub.map((u) => u.input)),
    ctx.writers.app.update(updates.app.map((u) => u.input)),
  ]);
  const failures = new Map<Pair, Failed>();
  const patched = new Map<Pair, Set<Side>>();
  const note = (list: { pair: Pair }[], results: WriteResult[], s: Side): void =>
    list.forEach((u, i) => {
      const r = results[i];
      if (r && !r.ok) failures.set(u.pair, failures.get(u.pair) ?? r);
      else patched.set(u.pair, (patched.get(u.pair) ?? new Set<Side>()).add(s));
    });
  note(updates.hub, hubUpdated, 'hub');
  note(updates.app, appUpdated, 'app');

  const rows: RowWrite[] = [];
  const existing: Existing[] = [];
  const createResults = new Map(creates.map((c, i) => [c, { result: created[i], made: makes[i] }]));
  for (const o of outcomes) {
    switch (o.kind) {
      case 'excluded':
        rows.push(row(side, o.rec, 'excluded', null, { ...known, reason: o.reason, duplicateOf: o.duplicateOf ?? null, message: o.message ?? null }));
        ctx.counts.excluded[o.reason] += 1;
        if (o.reason === 'duplicate') ctx.counts.duplicates[side] += 1;
        ctx.samples.add({ kind: 'excluded', record: `${side}:${o.rec.id}`, reason: o.reason, ...(o.message ? { message: o.message } : {}) });
        break;
      case 'skipped':
        rows.push(row(side, o.rec, 'skipped', null, known));
        ctx.counts.skipped += 1;
        break;
      case 'failing':
        rows.push(row(side, o.rec, 'failing', o.partner?.id ?? o.partnerId ?? null, { ...known, category: o.category, message: o.message }));
        if (o.partner) rows.push(row(target, o.partner, 'failing', o.rec.id, { identifiersIndexed: true, valuesUnchanged: true, ...partner, category: o.category, message: o.message }));
        countFailing(ctx.counts, o.category);
        ctx.samples.add({ kind: 'failing', record: `${side}:${o.rec.id}`, reason: o.category, message: o.message });
        break;
      case 'pair':
        rows.push(...pairRows(ctx, side, o, failures.get(o), patched.get(o), deferPartners));
        break;
      case 'create': {
        const { result: r, made: m } = createResults.get(o) ?? {};
        if (r?.ok && m) {
          rows.push(row(side, o.rec, 'in-sync', r.id, { ...known, synced: true }));
          // A new row: appended to the index; its identifiers are indexed when the phase settles.
          rows.push(row(target, createdRecord(r.id, o, m, r.updatedAt), 'in-sync', o.rec.id, { synced: true, identifiersLater: true }));
          ctx.counts.created[target] += 1;
          ctx.samples.add({ kind: target === 'hub' ? 'create-in-hub' : 'create-in-app', record: `${side}:${o.rec.id}`, changes: o.build.changes });
        } else if (r && !r.ok && r.existingId !== undefined) {
          // The app says the record exists already (HubSpot's 409 "Existing ID: N"): linked below.
          existing.push({ create: o, existingId: r.existingId, failure: r });
        } else {
          const category = r && !r.ok ? r.category : 'unknown';
          const message = r && !r.ok ? r.message : 'no result from the connector.';
          rows.push(row(side, o.rec, 'failing', null, { ...known, category, message }));
          countFailing(ctx.counts, category);
          ctx.samples.add({ kind: 'failing', record: `${side}:${o.rec.id}`, reason: category, message });
        }
        break;
      }
    }
  }
  if (existing.length > 0) rows.push(...(await linkExisting(ctx, side, existing)));
  await ctx.index.commit(ctx.key, ctx.cp.run, {
    rows,
    ...(creates.length > 0 ? { dropIntentBatches: [{ target, batch }] } : {}),
    checkpoint: { ...checkpoint, counts: ctx.counts },
  });
}

interface Existing {
  create: Create;
  existingId: string;
  failure: Failed;
}

/**
 * Creates the app refused because the record exists already (created there after the index
 * read that side, e.g. by a user during the initial sync): each source is linked to the existing
 * record and the two are merged as a match, instead of failing. An existing record the index
 * already holds (it was matched, excluded or is a duplicate for a reason) keeps the conflict.
 */
async function linkExisting(ctx: ObjectContext, side: Side, list: readonly Existing[]): Promise<RowWrite[]> {
  const { ro } = ctx;
  const target = other(side);
  const known = { identifiersIndexed: true, valuesUnchanged: true };
  const ids = [...new Set(list.map((e) => e.existingId))];
  const [read, indexed] = await Promise.all([ctx.connectors[target].read(objectOn(ctx, target), ids, ro.properties[target]), ctx.index.rowsById(ctx.key, target, ids)]);
  const found = new Map(read.map((r) => [r.id, scanRecord(ro, target, r)]));
  const rows: RowWrite[] = [];
  const fail = (e: Existing, category: Failed['category'], message: string): void => {
    rows.push(row(side, e.create.rec, 'failing', null, { ...known, category, message }));
    countFailing(ctx.counts, category);
    ctx.samples.add({ kind: 'failing', record: `${side}:${e.create.rec.id}`, reason: category, message });
  };
  const jobs: { e: Existing; rec: ScannedRecord; merge: Extract<ReturnType<typeof mergePair>, { ok: true }> }[] = [];
  const taken = new Set<string>();
  for (const e of list) {
    const rec = found.get(e.existingId);
    if (!rec || indexed.has(e.existingId) || taken.has(e.existingId)) {
      fail(e, e.failure.category, rec ? `${e.failure.message} (that ${target} record is already known to this sync)` : e.failure.message);
      continue;
    }
    const merge = side === 'hub' ? mergePair(ro, e.create.rec.values, rec.values) : mergePair(ro, rec.values, e.create.rec.values);
    if (!merge.ok) {
      fail(e, merge.category, merge.message);
      continue;
    }
    taken.add(e.existingId);
    jobs.push({ e, rec, merge });
  }
  const idOf = (j: (typeof jobs)[number], s: Side): string => (s === side ? j.e.create.rec.id : j.rec.id);
  const send = (s: Side): Promise<WriteResult[]> => {
    const todo = jobs.filter((j) => Object.keys(j.merge.patch[s]).length > 0);
    return ctx.writers[s].update(todo.map((j) => ({ id: idOf(j, s), properties: j.merge.patch[s] })));
  };
  const results = { hub: await send('hub'), app: await send('app') };
  const outcome = (s: Side): Map<(typeof jobs)[number], WriteResult> => {
    const todo = jobs.filter((j) => Object.keys(j.merge.patch[s]).length > 0);
    return new Map(todo.map((j, i) => [j, results[s][i] ?? { ok: false, category: 'unknown', message: 'no result from the connector.', retryable: true }]));
  };
  const written = { hub: outcome('hub'), app: outcome('app') };
  for (const j of jobs) {
    const failed = [written.hub.get(j), written.app.get(j)].find((r): r is Failed => r !== undefined && !r.ok);
    if (failed) {
      fail(j.e, failed.category, failed.message);
      continue;
    }
    const source = j.e.create.rec;
    const recs: Record<Side, ScannedRecord> = side === 'hub' ? { hub: source, app: j.rec } : { hub: j.rec, app: source };
    const after = (s: Side): ScannedRecord => (written[s].has(j) ? withValues(ro, s, recs[s], j.merge.after[s]) : recs[s]);
    const mine = after(side);
    const same = sameIdentifiers(source, mine);
    rows.push(row(side, mine, 'in-sync', j.rec.id, { synced: true, identifiersIndexed: same, valuesUnchanged: same && mine === source }));
    rows.push(row(target, after(target), 'in-sync', source.id, { synced: true, identifiersLater: true }));
    ctx.counts.linked += 1;
    if (j.merge.conflict) ctx.counts.conflicts += 1;
    for (const s of ['hub', 'app'] as const) if (written[s].has(j)) ctx.counts.updated[s] += 1;
  }
  return rows;
}

function pairRows(ctx: ObjectContext, side: Side, p: Pair, failure: Failed | undefined, patched: Set<Side> | undefined, deferPartners: boolean): RowWrite[] {
  const { ro } = ctx;
  const target = other(side);
  const recs: Record<Side, ScannedRecord | IndexRow> = side === 'hub' ? { hub: p.rec, app: p.partner } : { hub: p.partner, app: p.rec };
  const ids: Record<Side, string> = { hub: recs.hub.id, app: recs.app.id };
  // Unpatched sides keep their record as read; a side whose write failed keeps its old copy too,
  // so the next sync sees the difference again.
  const after = (s: Side): ScannedRecord => (patched?.has(s) ? withValues(ro, s, recs[s], p.merge.after[s]) : recs[s]);
  const write = (s: Side, status: RowWrite['status'], extra: Partial<RowWrite>): RowWrite => {
    const rec = after(s);
    const indexed = sameIdentifiers(recs[s], rec);
    const unchanged = indexed && rec === recs[s];
    return row(s, rec, status, ids[other(s)], { ...extra, identifiersIndexed: indexed, valuesUnchanged: unchanged, ...(s !== side && deferPartners ? { deferred: true } : {}) });
  };
  if (failure) {
    countFailing(ctx.counts, failure.category);
    ctx.samples.add({ kind: 'failing', record: `${side}:${p.rec.id}`, partner: `${target}:${p.partner.id}`, reason: failure.category, message: failure.message });
    return (['hub', 'app'] as const).map((s) => write(s, 'failing', { category: failure.category, message: failure.message }));
  }
  ctx.counts.linked += 1;
  if (p.merge.conflict) ctx.counts.conflicts += 1;
  for (const s of ['hub', 'app'] as const) {
    if (!patched?.has(s)) continue;
    ctx.counts.updated[s] += 1;
    const kind = s === 'hub' ? 'update-in-hub' : 'update-in-app';
    if (ctx.samples.wants(kind)) {
      ctx.samples.add({ kind, record: `${s}:${ids[s]}`, partner: `${other(s)}:${ids[other(s)]}`, changes: p.merge.changes.filter((c) => c.field.startsWith(`${s}.`)) });
    }
  }
  if (p.merge.conflict && ctx.samples.wants('conflict')) {
    ctx.samples.add({ kind: 'conflict', record: `hub:${ids.hub}`, partner: `app:${ids.app}`, changes: p.merge.changes, message: `winner: ${ro.definition.conflictWinner}` });
  }
  return (['hub', 'app'] as const).map((s) => write(s, 'in-sync', { synced: true }));
}

/** The other side's rows a page needs: existing partners and holders of its identifiers. */
export function partnerIds(existing: ReadonlyMap<string, IndexRow>, holders: Iterable<{ id: string }>): string[] {
  const ids = new Set<string>();
  for (const r of existing.values()) if (r.partnerId) ids.add(r.partnerId);
  for (const h of holders) ids.add(h.id);
  return [...ids];
}
