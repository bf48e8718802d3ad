// 005: when a change feed was last read to its end. A poll re-reads the overlap window before
// its cursor for records the app's index made visible late; once a poll that started at T read
// the whole feed, everything changed before T minus the overlap has been seen, so the next poll
// re-reads only from there. Without it, an object that stopped changing would re-read the last
// two minutes before its final change (after an initial sync: a large share of it) on every poll.
import type { Migration } from './types.js';

export const migration005: Migration = {
  version: 5,
  name: 'caught-up',
  up(db) {
    db.exec(`ALTER TABLE incremental_cursors ADD COLUMN caught_up_from INTEGER`);
  },
};
