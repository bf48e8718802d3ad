// After the demo's initial syncs, one incremental pass of every running sync: associations are
// reconciled by the first pass after both of their objects' initial syncs (as the runner's first
// poll would), so without it `npm start` would end with every association "not reconciled yet".
// The pass also picks up whatever changed in the demo files since the last run.
import { openConnector } from '../engine/open-connector.js';
import { type IncrementalReport, runIncrementalPass } from '../engine/incremental/index.js';
import { isSyncctlError } from '../errors/syncctl-error.js';
import { formatCount, renderTable } from '../health/text-table.js';
import type { Logger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import { openStateStore } from '../store/index.js';
import { SqliteRecordIndex } from '../store/sqlite/record-index.js';

/** One sync's pass: its report, or why it failed. */
export interface DemoPass {
  sync: string;
  report?: IncrementalReport;
  error?: { message: string; hint?: string };
}

export interface DemoPassOptions {
  statePath: string;
  env: Record<string, string | undefined>;
  logger: Logger;
}

/** Runs one poll of every enabled sync whose initial sync has completed, in name order. */
export async function runDemoPasses(options: DemoPassOptions): Promise<DemoPass[]> {
  const store = await openStateStore(options.statePath);
  try {
    const applied = await store.getApplied();
    const index = new SqliteRecordIndex(store.database, store.location);
    const running = Object.values(applied.syncs)
      .filter((s) => s.definition.enabled && s.lifecycle === 'incremental')
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const passes: DemoPass[] = [];
    for (const { definition: sync } of running) {
      const opened: Array<{ close(): Promise<void> }> = [];
      try {
        const hubConn = applied.connections[sync.hub]?.definition;
        const appConn = applied.connections[sync.app]?.definition;
        if (!hubConn || !appConn) throw new Error(`connection ${hubConn ? sync.app : sync.hub} is not in the applied state.`);
        const hub = openConnector(hubConn, options.env);
        opened.push(hub);
        const app = openConnector(appConn, options.env);
        opened.push(app);
        passes.push({ sync: sync.name, report: await runIncrementalPass({ sync, hub, app, index, logger: options.logger, trigger: { kind: 'poll' } }) });
      } catch (err) {
        const message = redactSecrets(err instanceof Error ? err.message : String(err));
        const hint = isSyncctlError(err) && err.hint ? redactSecrets(err.hint) : undefined;
        options.logger.error({ sync: sync.name, err: message }, 'incremental pass failed');
        passes.push({ sync: sync.name, error: { message, ...(hint ? { hint } : {}) } });
      } finally {
        for (const c of opened) await c.close().catch(() => undefined);
      }
    }
    return passes;
  } finally {
    await store.close();
  }
}

const pair = (a: { hub: number; app: number }): string => `${formatCount(a.hub)} / ${formatCount(a.app)}`;

/** The passes for the terminal: records written, and per association what moved and what waits. */
export function formatDemoPasses(passes: readonly DemoPass[]): string {
  const out: string[] = [];
  for (const p of passes) {
    if (!p.report) {
      out.push(`Incremental pass of ${p.sync} failed: ${p.error?.message ?? 'see the log'}`);
      if (p.error?.hint) out.push(`  hint: ${p.error.hint}`);
      continue;
    }
    const r = p.report;
    const written = r.objects.reduce((n, o) => n + o.written.hub + o.written.app, 0);
    out.push(`Incremental pass of ${r.sync} (${(r.durationMs / 1000).toFixed(1)} s): ${formatCount(written)} record(s) written${r.caughtUp ? '' : ', not caught up yet'}`);
    if (r.associations.length === 0) continue;
    const rows: string[][] = [['association', 'added hub/app', 'removed hub/app', 'in queue', 'failing']];
    const notes = new Map<number, string>();
    for (const a of r.associations) {
      rows.push([a.association.replace('->', ' → '), pair(a.added), pair(a.removed), formatCount(a.waiting), formatCount(a.failing)]);
      const note = a.error ? `failed: ${a.error}` : a.skipped ? `left alone: ${a.skipped}` : a.full ? 'reconciled every linked record (the first pass after the initial syncs)' : undefined;
      if (note) notes.set(rows.length - 1, note);
    }
    renderTable(rows, new Set([1, 2, 3, 4]), '  ').forEach((line, i) => {
      out.push(line);
      const note = notes.get(i);
      if (note) out.push(`      ${note}`);
    });
  }
  return out.join('\n');
}
