// Progress: events per phase with counts and a rate, a pino line per phase, and the TTY renderer.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTtyProgress, type ProgressEvent } from '../../src/engine/index.js';
import { createLogger } from '../../src/log/logger.js';
import { CONTACTS_DDL, createApp, makeSync, syncObject, syncOnce, tempDir } from './helpers.js';

class Capture extends Writable {
  text = '';
  isTTY: boolean;
  columns = 120;
  constructor(tty: boolean) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function world(): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: { ddl: CONTACTS_DDL.hub, rows: [{ email: 'a@x.com' }, { email: 'b@x.com' }, { email: 'c@x.com' }] } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: CONTACTS_DDL.app, rows: [{ email: 'a@x.com' }] } });
  return dir;
}

describe('progress', () => {
  it('given a run, when it progresses, then each phase reports events and finishes with a log line of its counts', async () => {
    const events: ProgressEvent[] = [];
    const log = new Capture(false);
    await syncOnce(world(), makeSync([syncObject('contacts', 'customers')]), { onProgress: (e) => events.push(structuredClone(e)), logger: createLogger('info', log), pageSize: 2 });
    const done = events.filter((e) => e.done);
    expect(done.map((e) => [e.phase, e.processed])).toEqual([['index-hub', 3], ['sync-app', 1], ['sync-hub', 2]]);
    expect(events.filter((e) => !e.done && e.phase === 'index-hub').map((e) => e.processed)).toEqual([2, 3]);
    expect(done[2]?.counts.created.app).toBe(2);
    expect(done.every((e) => e.rate >= 0 && e.sync === 'crm-shop' && e.object === 'contacts')).toBe(true);
    const lines = log.text.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; phase?: string; counts?: unknown; sync?: string; object?: string });
    const phaseLines = lines.filter((l) => l.msg.startsWith('initial sync phase'));
    expect(phaseLines.map((l) => l.phase)).toEqual(['index-hub', 'sync-app', 'sync-hub']);
    expect(phaseLines[0]).toMatchObject({ sync: 'crm-shop', object: 'contacts', counts: expect.any(Object) as unknown });
    expect(lines.some((l) => l.msg === 'initial sync completed')).toBe(true);
  });

  it('given a TTY, when events arrive, then one line per object is drawn and redrawn in place', () => {
    const out = new Capture(true);
    const progress = createTtyProgress(out);
    const base = { sync: 's', phase: 'index-hub' as const, processed: 10, rate: 100, dryRun: false, done: false };
    const counts = { scanned: { hub: 10, app: 0 }, linked: 0, created: { hub: 0, app: 0 }, updated: { hub: 0, app: 0 }, conflicts: 0, excluded: { filter: 0, no_email: 0, no_identifier: 0, duplicate: 0 }, failing: {}, duplicates: { hub: 0, app: 0 }, skipped: 0 };
    progress.onProgress({ ...base, object: 'contacts', counts });
    progress.onProgress({ ...base, object: 'companies', counts });
    progress.onProgress({ ...base, object: 'contacts', counts, done: true });
    progress.done();
    expect(out.text).toContain('s contacts: index-hub');
    expect(out.text).toContain('s companies: index-hub');
    expect(out.text).toContain('\u001b[2F');
  });

  it('given no TTY, when events arrive, then nothing is drawn', () => {
    const out = new Capture(false);
    const progress = createTtyProgress(out);
    progress.onProgress({ sync: 's', object: 'o', phase: 'sync-app', processed: 1, rate: 1, dryRun: false, done: true, counts: {} as ProgressEvent['counts'] });
    progress.done();
    expect(out.text).toBe('');
  });
});
