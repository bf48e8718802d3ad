import { listSome, where, type RuleContext, type ValidSync } from './context.js';

/**
 * Two syncs writing the same app object would overwrite each other's values. Syncs that are
 * turned off move nothing, so they do not count (turning one on is validated again).
 */
export function checkAppObjectWriters(ctx: RuleContext): void {
  const writers = new Map<string, { sync: ValidSync; index: number }[]>();
  for (const sync of ctx.syncs) {
    if (sync.doc.enabled === false) continue;
    sync.doc.objects.forEach((object, index) => {
      if ((object.direction ?? 'two-way') === 'to-hub') return;
      const key = `${sync.doc.app}\u0000${object.app}`;
      const group = writers.get(key);
      if (group) group.push({ sync, index });
      else writers.set(key, [{ sync, index }]);
    });
  }
  for (const group of writers.values()) {
    if (group.length < 2) continue;
    for (const w of group) {
      const others = listSome(group.filter((o) => o !== w), (o) => `sync \`${o.sync.name}\` objects[${o.index}] (${where(o.sync.entry, `/objects/${o.index}/app`)})`);
      const object = w.sync.doc.objects[w.index];
      ctx.report(w.sync.entry, `/objects/${w.index}/app`, {
        code: 'app_object_conflict',
        message: `app object \`${object?.app ?? ''}\` of connection \`${w.sync.doc.app}\` is also written by ${others}`,
        hint: 'Only one sync may write an app object: make the others `direction: to-hub`, turn one off, or merge them into one sync.',
      });
    }
  }
}
