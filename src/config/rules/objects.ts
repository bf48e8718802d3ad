import { parseDuration } from '../duration.js';
import { didYouMean } from '../suggest.js';
import type { FieldMapping, SyncObjectDefinition } from '../types.generated.js';
import type { RuleContext, ValidSync } from './context.js';

/** Rules inside one sync: its object pairs, their mappings and options, its associations and poll interval. */
export function checkSyncObjects(ctx: RuleContext): void {
  for (const sync of ctx.syncs) {
    checkObjectPairs(ctx, sync);
    sync.doc.objects.forEach((object, i) => {
      checkMappings(ctx, sync, object, i);
      checkEmailRule(ctx, sync, object, i);
      checkMatch(ctx, sync, object, i);
    });
    checkAssociations(ctx, sync);
    checkPollInterval(ctx, sync);
  }
}

function checkObjectPairs(ctx: RuleContext, sync: ValidSync): void {
  const seen = new Map<string, number>();
  // The record index, associations and health are keyed by the hub object (and the app object
  // names the pair at the app), so each object takes part in at most one pair of a sync.
  const bySide = { hub: new Map<string, number>(), app: new Map<string, number>() };
  sync.doc.objects.forEach((object, i) => {
    const key = `${object.hub}\u0000${object.app}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report(sync.entry, `/objects/${i}`, {
        code: 'duplicate_object_pair',
        message: `the object pair \`${object.hub}\` ↔ \`${object.app}\` is listed twice (also objects[${first}])`,
        hint: 'Merge the two entries into one.',
      });
      return;
    }
    seen.set(key, i);
    for (const side of ['hub', 'app'] as const) {
      const other = bySide[side].get(object[side]);
      if (other === undefined) {
        bySide[side].set(object[side], i);
        continue;
      }
      ctx.report(sync.entry, `/objects/${i}/${side}`, {
        code: 'object_in_two_pairs',
        message: `${side} object \`${object[side]}\` is already paired in objects[${other}]`,
        hint: `An object takes part in one pair per sync. Sync the other pairing in a sync of its own, or merge the two entries.`,
      });
    }
  });
}

function enabledMappings(object: SyncObjectDefinition): { field: FieldMapping; index: number }[] {
  return (object.mappings?.fields ?? []).map((field, index) => ({ field, index })).filter(({ field }) => field.enabled !== false);
}

function checkMappings(ctx: RuleContext, sync: ValidSync, object: SyncObjectDefinition, i: number): void {
  const base = `/objects/${i}/mappings/fields`;
  const byHub = new Map<string, number>();
  const byApp = new Map<string, number>();
  for (const { field, index } of enabledMappings(object)) {
    const hubFirst = byHub.get(field.hub);
    const appFirst = byApp.get(field.app);
    if (hubFirst !== undefined && hubFirst === appFirst) {
      ctx.report(sync.entry, `${base}/${index}`, {
        code: 'duplicate_mapping_target',
        message: `the mapping \`${field.hub}\` ↔ \`${field.app}\` is listed twice (also fields[${hubFirst}])`,
        hint: 'Remove one of them.',
      });
    } else {
      for (const [side, first] of [['hub', hubFirst], ['app', appFirst]] as const) {
        if (first === undefined) continue;
        ctx.report(sync.entry, `${base}/${index}/${side}`, {
          code: 'duplicate_mapping_target',
          message: `${side} field \`${field[side]}\` is mapped twice (fields[${first}] and fields[${index}]), so two values would compete for it`,
          hint: 'Map each field once; keep the other mapping switched off with `enabled: false` if you need it later.',
        });
      }
    }
    if (!byHub.has(field.hub)) byHub.set(field.hub, index);
    if (!byApp.has(field.app)) byApp.set(field.app, index);
  }
  (object.mappings?.fields ?? []).forEach((field, index) => {
    if (field.required === true && field.enabled === false) {
      ctx.report(sync.entry, `${base}/${index}/required`, {
        code: 'required_mapping_disabled',
        severity: 'warning',
        message: `the mapping \`${field.hub}\` ↔ \`${field.app}\` is required but switched off, so \`required\` has no effect`,
        hint: 'Remove `required`, or switch the mapping on.',
        atKey: true,
      });
    }
  });
}

function checkEmailRule(ctx: RuleContext, sync: ValidSync, object: SyncObjectDefinition, i: number): void {
  if (object.onlyWithEmail === undefined || object.hub === 'contacts') return;
  // true on companies is a misunderstanding worth stopping; false is only a no-op.
  ctx.report(sync.entry, `/objects/${i}/onlyWithEmail`, {
    code: 'only_with_email_not_contacts',
    severity: object.onlyWithEmail ? 'error' : 'warning',
    message: `\`onlyWithEmail\` applies to contacts only, not to \`${object.hub}\``,
    hint: 'Remove it: only the hub object `contacts` is filtered by email address.',
    atKey: true,
  });
}

/**
 * An explicit `match` property must be mapped. With `mappings.defaults` a same-named field may
 * map it, which only the connectors can tell, so that case is left to the engine.
 */
function checkMatch(ctx: RuleContext, sync: ValidSync, object: SyncObjectDefinition, i: number): void {
  const fields = object.mappings?.fields ?? [];
  const defaults = object.mappings?.defaults !== false;
  (object.match ?? []).forEach((property, k) => {
    const own = fields.filter((f) => f.hub === property);
    if (own.some((f) => f.enabled !== false)) return;
    if (own.length > 0) {
      ctx.report(sync.entry, `/objects/${i}/match/${k}`, {
        code: 'match_not_mapped',
        message: `match property \`${property}\` is mapped, but the mapping is switched off`,
        hint: 'Switch the mapping on, or match on another property: records are matched through a mapped field.',
      });
    } else if (!defaults) {
      ctx.report(sync.entry, `/objects/${i}/match/${k}`, {
        code: 'match_not_mapped',
        message: `match property \`${property}\` is not mapped (and mappings.defaults is false)`,
        hint: `Add a mapping { hub: ${property}, app: … }, or match on a mapped property.`,
      });
    }
  });
}

function checkAssociations(ctx: RuleContext, sync: ValidSync): void {
  const hubObjects = [...new Set(sync.doc.objects.map((o) => o.hub))].sort();
  const seen = new Map<string, number>();
  (sync.doc.associations ?? []).forEach((assoc, k) => {
    const at = `/associations/${k}`;
    if (assoc.from === assoc.to) {
      ctx.report(sync.entry, at, { code: 'association_self', message: `an association links \`${assoc.from}\` to itself`, hint: 'Associations link two different objects, e.g. { from: contacts, to: companies }.' });
      return;
    }
    for (const side of ['from', 'to'] as const) {
      if (hubObjects.includes(assoc[side])) continue;
      ctx.report(sync.entry, `${at}/${side}`, {
        code: 'association_unknown_object',
        message: `association ${side} \`${assoc[side]}\` is not a hub object of this sync`,
        hint: didYouMean(assoc[side], hubObjects) ?? `Add the object pair to \`objects\`, or use one of: ${hubObjects.map((h) => `\`${h}\``).join(', ')}.`,
      });
    }
    const key = [assoc.from, assoc.to].sort().join('\u0000');
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report(sync.entry, at, { code: 'duplicate_association', message: `the association between \`${assoc.from}\` and \`${assoc.to}\` is listed twice (also associations[${first}])`, hint: 'An association is kept in step both ways: list it once.' });
    } else {
      seen.set(key, k);
    }
  });
}

function checkPollInterval(ctx: RuleContext, sync: ValidSync): void {
  if (sync.doc.pollInterval === undefined || parseDuration(sync.doc.pollInterval) >= 1000) return;
  ctx.report(sync.entry, '/pollInterval', { code: 'poll_interval_too_short', message: '`pollInterval` must be at least 1s', hint: 'Poll no more often than every second; the default is 5m.' });
}
