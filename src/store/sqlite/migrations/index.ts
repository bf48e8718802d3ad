// Every migration, in order. Append new ones; never edit or reorder a released one.
import { migration001 } from './001-definitions.js';
import { migration002 } from './002-record-index.js';
import { migration003 } from './003-incremental.js';
import { migration004 } from './004-associations.js';
import { migration005 } from './005-caught-up.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** The state schema's migrations, ascending by version. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
