// The engine's public face: the CLI and the runner call exactly these.
import type { DataFormatter } from '../plan/data-section.js';
import { formatOneMarkdown, formatReportText } from './format-report.js';
import type { InitialSyncReport } from './report.js';

export { runInitialSync, selectObjects, type InitialSyncOptions } from './initial-sync.js';
export { openConnector } from './open-connector.js';
export { runPendingInitialSyncs, type PendingOptions } from './pending.js';
export { dryRunInitialSyncs, type DryRunOptions } from './dry-run.js';
export { formatReportText, formatReportMarkdown } from './format-report.js';
export { createTtyProgress, type TtyProgress } from './progress-tty.js';
export type { ProgressEvent, ProgressPhase } from './progress.js';
export type { InitialSyncReport, ObjectReport, ObjectCounts, Sample, SampleKind, FieldDiff } from './report.js';
export type { RecordIndex, RecordStatus, IndexRow, Checkpoint, ObjectKey, Identifier } from './record-index.js';
export { resolveObjects, type ResolvedObject, type ResolvedField } from './mappings.js';
export { matchKindOf, identifierOf, normalizeEmail, normalizeDomain, normalizeCompanyName, isValidEmail, type MatchKind } from './identifiers.js';

function isReport(data: unknown): data is InitialSyncReport {
  return typeof data === 'object' && data !== null && Array.isArray((data as { objects?: unknown }).objects);
}

/** Renders `plan --data` sections (src/plan/data-section.ts) from dry-run reports. */
export const reportDataFormatter: DataFormatter = {
  text: (sync, data) => (isReport(data) ? formatReportText([data]) : `sync ${sync}: ${JSON.stringify(data)}`),
  markdown: (sync, data) => (isReport(data) ? formatOneMarkdown(data) : `sync ${sync}: ${JSON.stringify(data)}`),
};
