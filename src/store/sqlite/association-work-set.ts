// One association pass's work set on SQLite: the from records (hub ids) to re-read, in a TEMP
// table of the state connection (deduplicated by its key, spilled to disk by SQLite, dropped at
// the end). The scan diff stages a whole side's edges in another TEMP table and compares them
// with the base and the record index in SQL, so memory stays flat however many edges there are.
import type { AssociationEdge } from '../../connectors/types.js';
import type { AssociationKey, AssociationWorkSet, ScanDiffOptions } from '../../engine/associations/association-index.js';
import type { Side } from '../../engine/record-index.js';
import type { Database } from './driver.js';

let counter = 0;

/** A unique TEMP table name on this connection (passes of several syncs may share it). */
function tempName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

// Candidates of one side's scan, in hub id space. CROSS JOINs keep the join order as written:
// the staged edges (or the base) drive, each end found by key in the index. `edges` is the staged (or primary-only) edge
// table; fr/tr are the index rows of the edge's ends on the scanned side, fh/th the hub rows of
// a base edge's ends. Three ways a linked from record differs from its base:
// 1. an edge to a record without a partner that is not known as waiting yet;
// 2. an edge between linked records that the base lacks;
// 3. a base edge between linked records that the side lacks.
function diffSql(ws: string, edges: string): string {
  return `
    INSERT OR IGNORE INTO temp.${ws} (id)
    SELECT CASE WHEN @hub THEN e.from_id ELSE fr.partner_id END
    FROM temp.${edges} AS e
    CROSS JOIN record_index AS fr ON fr.scope = @fromScope AND fr.record_id = e.from_id AND fr.status = 'in-sync' AND fr.partner_id IS NOT NULL
    LEFT JOIN record_index AS tr ON tr.scope = @toScope AND tr.record_id = e.to_id
    WHERE (tr.partner_id IS NULL AND NOT EXISTS (
        SELECT 1 FROM association_waiting AS w
        WHERE w.sync_name = @sync AND w.association = @name AND w.side = @side AND w.from_id = e.from_id AND w.to_id = e.to_id))
      OR (tr.status = 'in-sync' AND tr.partner_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM association_base AS b
        WHERE b.sync_name = @sync AND b.association = @name
          AND b.from_id = CASE WHEN @hub THEN e.from_id ELSE fr.partner_id END
          AND b.to_id = CASE WHEN @hub THEN e.to_id ELSE tr.partner_id END))
    UNION ALL
    SELECT b.from_id
    FROM association_base AS b
    CROSS JOIN record_index AS fh ON fh.scope = @fromHubScope AND fh.record_id = b.from_id AND fh.status = 'in-sync' AND fh.partner_id IS NOT NULL
    CROSS JOIN record_index AS th ON th.scope = @toHubScope AND th.record_id = b.to_id AND th.status = 'in-sync' AND th.partner_id IS NOT NULL
    WHERE b.sync_name = @sync AND b.association = @name
      AND NOT EXISTS (
        SELECT 1 FROM temp.${edges} AS e
        WHERE e.from_id = CASE WHEN @hub THEN b.from_id ELSE fh.partner_id END
          AND e.to_id = CASE WHEN @hub THEN b.to_id ELSE th.partner_id END)`;
}

export class SqliteWorkSet implements AssociationWorkSet {
  private readonly table = tempName('assoc_work');
  private readonly temps: string[] = [];
  /** The TEMP table of touches this pass took, once claimed. */
  private claimed: string | undefined;
  private readonly insert;
  private readonly pageSt;

  constructor(
    private readonly db: Database,
    private readonly key: AssociationKey,
    private readonly scope: (object: string, side: Side) => number | undefined,
  ) {
    this.create(this.table, '(id TEXT PRIMARY KEY) WITHOUT ROWID');
    this.insert = db.prepare<[string]>(`INSERT OR IGNORE INTO temp.${this.table} (id) SELECT value FROM json_each(?)`);
    this.pageSt = db.prepare<[string, number], string>(`SELECT id FROM temp.${this.table} WHERE id > ? ORDER BY id LIMIT ?`).pluck();
  }

  private create(name: string, definition: string): void {
    this.db.exec(`CREATE TEMP TABLE ${name} ${definition}`);
    this.temps.push(name);
  }

  async add(hubFromIds: readonly string[]): Promise<void> {
    if (hubFromIds.length > 0) this.insert.run(JSON.stringify(hubFromIds));
  }

  async claimTouched(fromObject: string): Promise<void> {
    if (this.claimed) return;
    this.claimed = tempName('assoc_claimed');
    this.create(this.claimed, '(role TEXT NOT NULL, side TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (role, side, record_id)) WITHOUT ROWID');
    const key = { sync: this.key.sync, name: this.key.name };
    this.db
      .prepare(`INSERT INTO temp.${this.claimed} SELECT role, side, record_id FROM association_touched WHERE sync_name = @sync AND association = @name`)
      .run(key);
    // Touched from records of the hub are hub ids already; the app's are linked through the index.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO temp.${this.table} (id)
         SELECT c.record_id FROM temp.${this.claimed} AS c WHERE c.role = 'from' AND c.side = 'hub'
         UNION
         SELECT r.partner_id FROM temp.${this.claimed} AS c
         JOIN record_index AS r ON r.scope = @appScope AND r.record_id = c.record_id AND r.status = 'in-sync' AND r.partner_id IS NOT NULL
         WHERE c.role = 'from' AND c.side = 'app'`,
      )
      .run({ appScope: this.scope(fromObject, 'app') ?? -1 });
  }

  async touchedTo(side: Side, after: string, limit: number): Promise<string[]> {
    if (!this.claimed) return [];
    return this.db
      .prepare<[string, string, number], string>(`SELECT record_id FROM temp.${this.claimed} WHERE role = 'to' AND side = ? AND record_id > ? ORDER BY record_id LIMIT ?`)
      .pluck()
      .all(side, after, limit);
  }

  async releaseTouched(): Promise<void> {
    if (!this.claimed) return;
    this.db
      .prepare(
        `DELETE FROM association_touched WHERE sync_name = @sync AND association = @name
           AND (role, side, record_id) IN (SELECT role, side, record_id FROM temp.${this.claimed})`,
      )
      .run({ sync: this.key.sync, name: this.key.name });
  }

  async addWaitingAndFailing(): Promise<void> {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO temp.${this.table} (id)
         SELECT hub_from_id FROM association_waiting WHERE sync_name = @sync AND association = @name
         UNION SELECT hub_from_id FROM association_failing WHERE sync_name = @sync AND association = @name`,
      )
      .run({ sync: this.key.sync, name: this.key.name });
  }

  async addBasePointingAt(hubToIds: readonly string[]): Promise<void> {
    if (hubToIds.length === 0) return;
    this.db
      .prepare(
        `INSERT OR IGNORE INTO temp.${this.table} (id)
         SELECT b.from_id FROM json_each(?) AS j CROSS JOIN association_base AS b ON b.sync_name = ? AND b.association = ? AND b.to_id = j.value`,
      )
      .run(JSON.stringify(hubToIds), this.key.sync, this.key.name);
  }

  async addScanDiff(side: Side, scan: AsyncIterable<{ edges: readonly AssociationEdge[] }>, options: ScanDiffOptions): Promise<void> {
    const stage = tempName('assoc_scan');
    this.create(stage, '(from_id TEXT NOT NULL, to_id TEXT NOT NULL, is_primary INTEGER NOT NULL, PRIMARY KEY (from_id, to_id)) WITHOUT ROWID');
    const put = this.db.prepare<[string, string, number]>(`INSERT OR REPLACE INTO temp.${stage} (from_id, to_id, is_primary) VALUES (?, ?, ?)`);
    const putPage = this.db.transaction((edges: readonly AssociationEdge[]) => {
      for (const e of edges) put.run(String(e.fromId), String(e.toId), e.primary ? 1 : 0);
    });
    for await (const page of scan) putPage(page.edges);

    let edges = stage;
    if (options.primaryOnly) {
      // One edge per from record: its primary, the lowest to id in text order when it has several.
      edges = tempName('assoc_primary');
      this.create(edges, '(from_id TEXT NOT NULL, to_id TEXT NOT NULL, PRIMARY KEY (from_id, to_id)) WITHOUT ROWID');
      this.db.exec(`INSERT INTO temp.${edges} (from_id, to_id) SELECT from_id, min(to_id) FROM temp.${stage} WHERE is_primary = 1 GROUP BY from_id`);
    }
    const scopes = {
      fromScope: this.scope(options.fromObject, side),
      toScope: this.scope(options.toObject, side),
      fromHubScope: this.scope(options.fromObject, 'hub'),
      toHubScope: this.scope(options.toObject, 'hub'),
    };
    // Nothing of the from object is indexed on this side: no record of it is linked.
    if (scopes.fromScope === undefined || scopes.fromHubScope === undefined) return;
    this.db.prepare(diffSql(this.table, edges)).run({
      hub: side === 'hub' ? 1 : 0,
      side,
      sync: this.key.sync,
      name: this.key.name,
      fromScope: scopes.fromScope,
      toScope: scopes.toScope ?? -1,
      fromHubScope: scopes.fromHubScope,
      toHubScope: scopes.toHubScope ?? -1,
    });
  }

  async page(after: string, limit: number): Promise<string[]> {
    return this.pageSt.all(after, limit);
  }

  async close(): Promise<void> {
    for (const name of this.temps.splice(0)) this.db.exec(`DROP TABLE IF EXISTS temp.${name}`);
  }
}
