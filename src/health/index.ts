// Sync health's public face: `syncctl status`, `syncctl records`, the demo and (later) the runner's
// web view use only these.
export {
  RECORD_STATUSES,
  SIDES,
  type ObjectHealth,
  type RecordEntry,
  type RecordFilter,
  type RecordPageOptions,
  type RecordQuery,
  type RunInfo,
  type SideHealth,
} from './record-query.js';
export type { ConfigProblemRef, ConfigStatus, ObjectStatus, RunStatus, SideStatus, StatusReport, SyncStatus } from './status-types.js';
export { STATUS_FORMAT_VERSION } from './status-types.js';
export { collectStatus, formatStatusJson, knownSyncNames, unknownSync, type CollectStatusOptions, type LoadedDefinitions } from './status.js';
export { formatStatusText, type StatusTextOptions } from './format-status-text.js';
export { openHealthState, readStatusReport, type HealthState } from './open-state.js';
export { parseTimeBound } from './record-time.js';
export { CATEGORY_NAMES, parseColumns, recordFilter, type RecordFlags } from './record-filter.js';
export {
  DEFAULT_EXPORT_COLUMNS,
  DEFAULT_TABLE_COLUMNS,
  RECORD_COLUMNS,
  cellText,
  recordRowMapper,
  type RecordColumn,
  type RecordRow,
} from './record-view.js';
export {
  RECORD_FORMATS,
  formatRecordTable,
  writeFormatted,
  writeRecords,
  type CsvFormulas,
  type RecordFormat,
  type WriteRecordsOptions,
  type WriteRecordsResult,
} from './write-records.js';
export { EXPORT_PAGE, exportChunks, exportThreads, type ExportJob } from './parallel-export.js';

