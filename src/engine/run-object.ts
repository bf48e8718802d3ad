// One object's initial sync from wherever its checkpoint stands: a fresh run, a resumed one
// (after a crash or a stop), or nothing when it is already done and the caller resumes.
import type { Connector } from '../connectors/types.js';
import type { Logger } from '../log/logger.js';
import { type ObjectContext, PAGE_SIZE } from './context.js';
import type { ResolvedObject } from './mappings.js';
import { indexHub, resolveIntentsOn } from './phase-index.js';
import { syncApp, syncHub } from './phase-sync.js';
import type { ProgressEvent } from './progress.js';
import type { RecordIndex, Side } from './record-index.js';
import { type ObjectReport, SampleCollector, countsFrom, zeroCounts } from './report.js';
import { SideWriter } from './writer.js';

export interface ObjectRunOptions {
  connectors: Record<Side, Connector>;
  index: RecordIndex;
  logger: Logger;
  dryRun: boolean;
  /** Skip an object whose initial sync already completed with this definition. */
  resume: boolean;
  onProgress: ((e: ProgressEvent) => void) | undefined;
  signal: AbortSignal | undefined;
  pageSize?: number;
  writeBatch?: number;
}

/** Runs, resumes or skips one object's initial sync and reports it. */
export async function runObject(ro: ResolvedObject, options: ObjectRunOptions): Promise<ObjectReport> {
  const key = { sync: ro.sync, object: ro.object };
  const { index } = options;
  let cp = await index.getCheckpoint(key);
  const sameDefinition = cp?.definitionHash === ro.definitionHash;
  const base = { object: ro.object, hubObject: ro.hubObject, appObject: ro.appObject, samples: [] };
  if (cp && sameDefinition && cp.phase === 'done' && options.resume) {
    return { ...base, resumed: false, skippedAsDone: true, counts: countsFrom(cp.counts) };
  }
  const resumable = cp !== undefined && sameDefinition && cp.phase !== 'done';
  if (!resumable || !cp) cp = await index.startRun(key, ro.definitionHash, zeroCounts());
  // A run that was started (e.g. by runPendingInitialSyncs) but had not got anywhere is not a resume.
  const resumed = resumable && (cp.phase !== 'index-hub' || cp.cursor !== null);
  const logger = options.logger.child({ object: ro.object });
  logger.info({ sync: ro.sync, object: ro.object, run: cp.run, phase: cp.phase, resumed, dryRun: options.dryRun }, resumed ? 'initial sync resumed' : 'initial sync started');

  const samples = new SampleCollector(options.dryRun);
  const ctx: ObjectContext = {
    ro,
    key,
    connectors: options.connectors,
    writers: {
      hub: new SideWriter(options.connectors.hub, ro.hubObject, 'hub', options.dryRun, options.writeBatch),
      app: new SideWriter(options.connectors.app, ro.appObject, 'app', options.dryRun, options.writeBatch),
    },
    index,
    cp,
    counts: countsFrom(cp.counts),
    samples,
    logger,
    onProgress: options.onProgress,
    signal: options.signal,
    dryRun: options.dryRun,
    pageSize: options.pageSize ?? PAGE_SIZE,
  };

  const intents = await index.pendingIntents(key);
  const hubIntents = intents.filter((i) => i.target === 'hub');
  const appIntents = intents.filter((i) => i.target === 'app');
  if (ctx.cp.phase === 'index-hub' || hubIntents.length > 0) await indexHub(ctx, hubIntents);
  if (appIntents.length > 0) await resolveIntentsOn(ctx, 'app', appIntents);
  if (ctx.cp.phase === 'sync-app') await syncApp(ctx);
  if (ctx.cp.phase === 'sync-hub') await syncHub(ctx);
  return { ...base, resumed, skippedAsDone: false, counts: ctx.counts, samples: samples.samples };
}
