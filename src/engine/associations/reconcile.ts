// One batch of from records (hub ids): read their edges on both sides, translate them to hub id
// space through the record index links, merge each from record against its base (merge.ts),
// write what the merge says in one add and one remove call per side, and save the new bases
// with the waiting and failing edges in one transaction. A handful of batched calls per batch,
// never one per record.
//
// Ends whose link is not healthy are never guessed at: an edge to a record without a partner
// waits (kept, retried every pass); an edge touching a link that exists but is not in sync
// (deleted on one side, failing, in queue) is left alone with its base, so resync-deleted can
// restore it. A from record whose own link is not in sync is left alone entirely.
import type { AssociationEdge, AssociationEnds, AssociationWriteResult } from '../../connectors/types.js';
import { authError, withRetry } from '../incremental/retry.js';
import type { Side } from '../record-index.js';
import type { AssociationCheckpoint, FailedEdge, FromOutcome, Link, SideEdge } from './association-index.js';
import type { AssociationContext } from './context.js';
import { guardRemovals } from './guard.js';
import { type Applied, type MergeDecision, type MergeInput, baseAfter, mergeAssociations } from './merge.js';
import { AssociationWriter } from './writer.js';

const SIDES: readonly Side[] = ['hub', 'app'];

/** One from record being merged. */
interface FromJob {
  hubId: string;
  appId: string;
  input: MergeInput;
  decision: MergeDecision;
  /** Base targets left alone (their link is not in sync). */
  kept: string[];
  waiting: SideEdge[];
  /** Primary-only: the primary waits or is left alone, so nothing moves and the base stays. */
  skip: boolean;
}

/** One edge write, and the job it belongs to. */
interface WriteRef {
  job: FromJob;
  target: string;
  /** An add that only clears the primary flag (the edge stays). */
  demote: boolean;
}

/** Edges per from id, primary edges only (lowest to id among them) for primary-only kinds. */
function group(edges: readonly AssociationEdge[], asked: ReadonlySet<string>, primaryOnly: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const from = String(e.fromId);
    if (!asked.has(from) || (primaryOnly && !e.primary)) continue;
    const list = out.get(from);
    if (list) list.push(String(e.toId));
    else out.set(from, [String(e.toId)]);
  }
  if (primaryOnly) for (const [from, list] of out) out.set(from, [[...list].sort()[0] as string]);
  return out;
}

const stateOf = (links: ReadonlyMap<string, Link>, id: string): Link['state'] => links.get(id)?.state ?? 'unlinked';

/** Merges and writes the associations of `hubFromIds`; saves the outcomes (and `checkpoint`) at the end. */
export async function reconcileBatch(ctx: AssociationContext, hubFromIds: readonly string[], checkpoint?: AssociationCheckpoint): Promise<void> {
  const { plan, index } = ctx;
  const { sync } = plan.key;
  const fromLinks = await index.links(sync, plan.from.hub, 'hub', hubFromIds);
  const linked = hubFromIds.filter((id) => stateOf(fromLinks, id) === 'linked');
  // Records no longer linked have nothing to wait for or retry; frozen ones keep everything.
  await index.forgetPending(plan.key, hubFromIds.filter((id) => stateOf(fromLinks, id) === 'unlinked'));
  if (linked.length === 0) {
    if (checkpoint) await index.save(plan.key, [], checkpoint);
    return;
  }
  const appOf = new Map(linked.map((h) => [h, fromLinks.get(h)?.partnerId as string]));
  const read = (side: Side, ids: readonly string[]) =>
    withRetry(() => ctx.apis[side].read(plan.kinds[side], ids), ctx.retry, (err, attempt, delayMs) =>
      ctx.logger.debug({ side, attempt, delayMs: Math.round(delayMs), err: err instanceof Error ? err.message : String(err) }, 'transient association read failure; retrying'),
    );
  const [hubEdges, appEdges, base] = await Promise.all([read('hub', linked), read('app', [...appOf.values()]), index.base(plan.key, linked)]);
  const edges = {
    hub: group(hubEdges, new Set(linked), plan.primaryOnly),
    app: group(appEdges, new Set(appOf.values()), plan.primaryOnly),
  };
  // Primary-only kinds: every edge too, primary or not (a replaced primary the source side kept stays, demoted).
  const every = plan.primaryOnly ? { hub: group(hubEdges, new Set(linked), false), app: group(appEdges, new Set(appOf.values()), false) } : undefined;

  const all = (m: Map<string, string[]>): string[] => [...new Set([...m.values()].flat())];
  const [hubTo, appTo] = await Promise.all([
    index.links(sync, plan.to.hub, 'hub', [...new Set([...all(edges.hub), ...all(base)])]),
    index.links(sync, plan.to.hub, 'app', all(edges.app)),
  ]);
  // Hub id <-> app id of every linked target seen.
  const appIdOf = new Map<string, string>();
  for (const [id, l] of hubTo) if (l.state === 'linked') appIdOf.set(id, l.partnerId as string);
  for (const [id, l] of appTo) if (l.state === 'linked') appIdOf.set(l.partnerId as string, id);
  const hubIdOf = new Map([...appIdOf].map(([hubId, appId]) => [appId, hubId]));

  const jobs: FromJob[] = [];
  for (const hubId of linked) {
    const appId = appOf.get(hubId) as string;
    const waiting: SideEdge[] = [];
    const frozen = new Set<string>();
    const current: Record<Side, string[]> = { hub: [], app: [] };
    for (const t of edges.hub.get(hubId) ?? []) {
      const s = stateOf(hubTo, t);
      if (s === 'linked') current.hub.push(t);
      else if (s === 'frozen') frozen.add(t);
      else waiting.push({ side: 'hub', fromId: hubId, toId: t, hubFromId: hubId });
    }
    for (const t of edges.app.get(appId) ?? []) {
      const l = appTo.get(t);
      if (l?.state === 'linked') current.app.push(l.partnerId as string);
      else if (l?.state === 'frozen') frozen.add(l.partnerId as string);
      else waiting.push({ side: 'app', fromId: appId, toId: t, hubFromId: hubId });
    }
    const stored = base.get(hubId) ?? [];
    const kept = stored.filter((t) => stateOf(hubTo, t) !== 'linked' || frozen.has(t));
    const healthy = (t: string): boolean => !frozen.has(t);
    const input: MergeInput = {
      primaryOnly: plan.primaryOnly,
      winner: plan.winner,
      writes: plan.writes,
      current: { hub: current.hub.filter(healthy), app: current.app.filter(healthy) },
      base: stored.filter((t) => !kept.includes(t)),
      ...(every
        ? {
            holds: {
              hub: every.hub.get(hubId) ?? [],
              app: (every.app.get(appId) ?? []).flatMap((t) => {
                const h = hubIdOf.get(t);
                return h === undefined ? [] : [h];
              }),
            },
          }
        : {}),
    };
    // A primary that waits or is left alone leaves the record's primary undecided: nothing moves.
    if (plan.primaryOnly && (waiting.length > 0 || frozen.size > 0 || kept.length > 0)) {
      jobs.push({ hubId, appId, input, decision: { writes: { hub: { add: [], remove: [] }, app: { add: [], remove: [] } }, result: [], conflict: false }, kept: stored, waiting, skip: true });
      continue;
    }
    jobs.push({ hubId, appId, input, decision: mergeAssociations(input), kept, waiting, skip: false });
  }

  await guardRemovals(ctx, jobs, appIdOf);
  const { applied, failing, auth } = await write(ctx, jobs, appIdOf);
  const outcomes: FromOutcome[] = jobs.map((job) => {
    const next = job.skip ? job.kept : [...baseAfter(job.input, job.decision, applied.get(job) ?? emptyApplied()), ...job.kept];
    return { hubFromId: job.hubId, base: [...new Set(next)], waiting: job.waiting, failing: failing.get(job) ?? [] };
  });
  await index.save(plan.key, outcomes, checkpoint);
  ctx.report.checked += linked.length;
  if (auth) throw authError(ctx.connections[auth.side], auth.message);
}

function emptyApplied(): Applied {
  return { hub: { added: new Set(), removed: new Set(), demoted: new Set() }, app: { added: new Set(), removed: new Set(), demoted: new Set() } };
}

/** Sends every job's writes, per side one add call and one remove call (adds first: a replaced primary is never left empty). */
async function write(ctx: AssociationContext, jobs: readonly FromJob[], appIdOf: ReadonlyMap<string, string>) {
  const { plan } = ctx;
  const applied = new Map<FromJob, Applied>();
  const failing = new Map<FromJob, FailedEdge[]>();
  let auth: { side: Side; message: string } | undefined;
  const sideId = (side: Side, hubTarget: string): string | undefined => (side === 'hub' ? hubTarget : appIdOf.get(hubTarget));
  const fromOn = (side: Side, job: FromJob): string => (side === 'hub' ? job.hubId : job.appId);

  await Promise.all(
    SIDES.map(async (side) => {
      const writer = new AssociationWriter(ctx.apis[side], plan.kinds[side], side, ctx.retry, ctx.logger, ctx.pageSize);
      for (const op of ['add', 'remove'] as const) {
        const refs: WriteRef[] = [];
        const inputs: AssociationEdge[] = [];
        for (const job of jobs) {
          const w = job.decision.writes[side];
          const targets = [...w[op].map((target) => ({ target, demote: false })), ...(op === 'add' ? (w.demote ?? []).map((target) => ({ target, demote: true })) : [])];
          for (const { target, demote } of targets) {
            const toId = sideId(side, target);
            if (toId === undefined) continue;
            refs.push({ job, target, demote });
            inputs.push({ fromId: fromOn(side, job), toId, primary: plan.primaryOnly && !demote });
          }
        }
        if (inputs.length === 0) continue;
        const results: AssociationWriteResult[] = op === 'add' ? await writer.add(inputs) : await writer.remove(inputs.map((e): AssociationEnds => ({ fromId: e.fromId, toId: e.toId })));
        refs.forEach((ref, i) => {
          const r = results[i];
          const input = inputs[i] as AssociationEdge;
          if (r?.ok) {
            const a = applied.get(ref.job) ?? emptyApplied();
            if (ref.demote) (a[side].demoted as Set<string>).add(ref.target);
            else (op === 'add' ? (a[side].added as Set<string>) : (a[side].removed as Set<string>)).add(ref.target);
            applied.set(ref.job, a);
            if (ref.demote) return;
            if (op === 'add') ctx.report.added[side] += 1;
            else ctx.report.removed[side] += 1;
            return;
          }
          const failure = r ?? { ok: false, category: 'unknown', message: 'no result from the connector.', retryable: true };
          if (failure.category === 'auth_failed') auth ??= { side, message: failure.message };
          const list = failing.get(ref.job) ?? [];
          list.push({ side, fromId: input.fromId, toId: input.toId, hubFromId: ref.job.hubId, op, category: failure.category, message: failure.message });
          failing.set(ref.job, list);
        });
      }
    }),
  );
  if (failing.size > 0) ctx.logger.info({ association: plan.key.name, records: failing.size }, 'some association writes failed; they are retried on the next pass');
  return { applied, failing, auth };
}
