// resync-deleted: restore records deleted on one side of a sync from their surviving partners.
export { findDeleted, forgetRows, otherSide, selectResyncObjects, type DeletedPair } from './find.js';
export { resyncDeleted, type ResyncFailure, type ResyncOptions, type ResyncReport } from './recreate.js';
export { formatDeletedTable, formatResyncReport } from './format.js';
export { openResync, type ResyncSession } from './session.js';
