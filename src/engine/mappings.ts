// Field mappings of one object pair, resolved against what both apps say about their fields.
// Everything that can be wrong with a definition against the live apps is found here, all at
// once, before the engine writes anything.
import type { Sync, SyncObject } from '../config/model.js';
import { closest } from '../config/suggest.js';
import type { FieldInfo, FieldType, ObjectDescription } from '../connectors/types.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { contentHash } from '../util/canonical.js';
import { type MatchKind, matchKindOf } from './identifiers.js';
import { compatible } from './values.js';
import type { Side } from './record-index.js';

/** One mapped field pair and which ways its values may flow. */
export interface ResolvedField {
  hub: string;
  app: string;
  hubField: FieldInfo;
  appField: FieldInfo;
  required: boolean;
  /** The hub field may be written (from the app's value). */
  toHub: boolean;
  /** The app field may be written (from the hub's value). */
  toApp: boolean;
  explicit: boolean;
}

/** A match property: position in `match`, both sides' property names and its normalisation. */
export interface MatchKey {
  prop: number;
  hub: string;
  app: string;
  kind: MatchKind;
}

/** Everything the engine needs to know about one object pair of a sync. */
export interface ResolvedObject {
  sync: string;
  /** The object's key in the index: its hub object name. */
  object: string;
  hubObject: string;
  appObject: string;
  definition: SyncObject;
  fields: readonly ResolvedField[];
  match: readonly MatchKey[];
  /** The email property when the email rule is on. */
  email: { hub: string; app: string } | undefined;
  /** Records with none of the identifiers are excluded (false: contacts with the email rule off are created). */
  needsIdentifier: boolean;
  /** Properties to ask each side for: mapped fields plus filter properties. */
  properties: Record<Side, readonly string[]>;
  /** Type information of every field of each side (by name). */
  describe: Record<Side, ReadonlyMap<string, FieldInfo>>;
  /** Mapped fields of each side by name (what the index keeps a copy of). */
  mapped: Record<Side, ReadonlyMap<string, FieldInfo>>;
  /** Identifies the definition a checkpoint was made with. */
  definitionHash: string;
}

/** Identifies what an object's index was built from: a checkpoint of another definition is not resumed. */
export function objectDefinitionHash(sync: Sync, def: SyncObject): string {
  return contentHash({ hub: sync.hub, app: sync.app, object: def });
}

/** Whether values flow to each side under the object's direction. */
/** The other side of a sync. */
export function otherSide(side: Side): Side {
  return side === 'hub' ? 'app' : 'hub';
}

/** A mapped field's name and description on one side. */
export function fieldOn(f: ResolvedField, side: Side): { name: string; info: ResolvedField['hubField'] } {
  return side === 'hub' ? { name: f.hub, info: f.hubField } : { name: f.app, info: f.appField };
}

/** True when values of this mapped field may be written to `side`. */
export function fieldFlowsTo(f: ResolvedField, side: Side): boolean {
  return side === 'hub' ? f.toHub : f.toApp;
}

/** True when the object's direction lets records be written to `side`. */
export function objectFlowsTo(ro: ResolvedObject, side: Side): boolean {
  return side === 'hub' ? ro.definition.direction !== 'to-app' : ro.definition.direction !== 'to-hub';
}

export function flows(direction: SyncObject['direction']): { toHub: boolean; toApp: boolean } {
  return { toHub: direction !== 'to-app', toApp: direction !== 'to-hub' };
}

interface Context {
  where: string;
  problems: string[];
}

function lookup(ctx: Context, fields: Map<string, FieldInfo>, side: Side, object: string, name: string, unsupported?: Readonly<Record<string, string>>): FieldInfo | undefined {
  const field = fields.get(name);
  if (field) return field;
  const why = unsupported && Object.hasOwn(unsupported, name) ? unsupported[name] : undefined;
  if (why !== undefined) {
    ctx.problems.push(`${ctx.where}: ${side} object ${object} field "${name}" cannot be synced: ${why}.`);
    return undefined;
  }
  const guess = closest(name, [...fields.keys()]);
  ctx.problems.push(`${ctx.where}: ${side} object ${object} has no field "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}.`);
  return undefined;
}

function typeText(f: FieldInfo): FieldType {
  return f.type;
}

/** Resolves one object pair; problems are pushed to `problems` (the result is only usable when none were). */
export function resolveObject(
  sync: Sync,
  def: SyncObject,
  hubDesc: ObjectDescription,
  appDesc: ObjectDescription,
  problems: string[],
): ResolvedObject {
  const ctx: Context = { where: `objects[${def.hub}]`, problems };
  const hubFields = new Map(hubDesc.fields.map((f) => [f.name, f]));
  const appFields = new Map(appDesc.fields.map((f) => [f.name, f]));
  const dir = flows(def.direction);
  const fields: ResolvedField[] = [];
  const usedHub = new Set<string>();
  const usedApp = new Set<string>();

  for (const m of def.mappings.fields) {
    usedHub.add(m.hub);
    usedApp.add(m.app);
    if (!m.enabled) continue;
    const hubField = lookup(ctx, hubFields, 'hub', def.hub, m.hub, hubDesc.unsupported);
    const appField = lookup(ctx, appFields, 'app', def.app, m.app, appDesc.unsupported);
    if (!hubField || !appField) continue;
    const label = `mapping ${m.hub} <-> ${m.app}`;
    const toHub = dir.toHub && !hubField.readOnly;
    const toApp = dir.toApp && !appField.readOnly;
    if (dir.toHub && toHub && !compatible(appField.type, hubField.type)) {
      problems.push(`${ctx.where}: ${label}: app type ${typeText(appField)} cannot be written into hub type ${typeText(hubField)}.`);
      continue;
    }
    if (dir.toApp && toApp && !compatible(hubField.type, appField.type)) {
      problems.push(`${ctx.where}: ${label}: hub type ${typeText(hubField)} cannot be written into app type ${typeText(appField)}.`);
      continue;
    }
    if (!toHub && !toApp) {
      const side = dir.toHub ? `hub field ${m.hub}` : `app field ${m.app}`;
      problems.push(`${ctx.where}: ${label}: ${side} is read-only, so under direction ${def.direction} this mapping can never write anything.`);
      continue;
    }
    fields.push({ hub: m.hub, app: m.app, hubField, appField, required: m.required, toHub, toApp, explicit: true });
  }

  if (def.mappings.defaults) {
    for (const hubField of hubDesc.fields) {
      const appField = appFields.get(hubField.name);
      if (!appField || usedHub.has(hubField.name) || usedApp.has(appField.name)) continue;
      // A default needs every side its direction writes to be writable and able to hold the values.
      if (dir.toHub && (hubField.readOnly || !compatible(appField.type, hubField.type))) continue;
      if (dir.toApp && (appField.readOnly || !compatible(hubField.type, appField.type))) continue;
      fields.push({ hub: hubField.name, app: appField.name, hubField, appField, required: false, toHub: dir.toHub, toApp: dir.toApp, explicit: false });
    }
  }
  fields.sort((a, b) => (a.hub < b.hub ? -1 : a.hub > b.hub ? 1 : 0));

  const byHub = new Map(fields.map((f) => [f.hub, f]));
  const match: MatchKey[] = [];
  def.match.forEach((hubProp, prop) => {
    const f = byHub.get(hubProp);
    if (!f) {
      problems.push(
        `${ctx.where}: match property "${hubProp}" is not mapped${hubFields.has(hubProp) ? '' : ` (the hub object ${def.hub} has no such field)`}; match properties must be mapped to an app field.`,
      );
      return;
    }
    match.push({ prop, hub: f.hub, app: f.app, kind: matchKindOf(f.hub) });
  });

  let email: ResolvedObject['email'];
  if (def.onlyWithEmail) {
    const key = match.find((k) => k.kind === 'email');
    const f = key ? byHub.get(key.hub) : (byHub.get('email') ?? fields.find((x) => matchKindOf(x.hub) === 'email'));
    if (f) email = { hub: f.hub, app: f.app };
    else problems.push(`${ctx.where}: onlyWithEmail is on, but no email property is mapped.`);
  }

  const props = (side: Side): string[] => {
    const names = new Set(fields.map((f) => f[side]));
    const filterFields = side === 'hub' ? hubFields : appFields;
    for (const c of def.filters[side]) {
      if (lookup(ctx, filterFields, side, side === 'hub' ? def.hub : def.app, c.property, (side === 'hub' ? hubDesc : appDesc).unsupported)) names.add(c.property);
    }
    return [...names].sort();
  };
  const properties = { hub: props('hub'), app: props('app') };

  return {
    sync: sync.name,
    object: def.hub,
    hubObject: def.hub,
    appObject: def.app,
    definition: def,
    fields,
    match,
    email,
    needsIdentifier: match.length > 0 && !(match.some((k) => k.kind === 'email') && !def.onlyWithEmail),
    properties,
    describe: { hub: hubFields, app: appFields },
    mapped: { hub: new Map(fields.map((f) => [f.hub, f.hubField])), app: new Map(fields.map((f) => [f.app, f.appField])) },
    definitionHash: objectDefinitionHash(sync, def),
  };
}

/**
 * Resolves the mappings of `objects` (hub names) of a sync, describing both sides; throws a
 * SyncctlError `mapping_invalid` listing every problem when any mapping cannot work.
 */
export function resolveObjects(
  sync: Sync,
  objects: readonly SyncObject[],
  descriptions: ReadonlyMap<string, { hub: ObjectDescription; app: ObjectDescription }>,
): ResolvedObject[] {
  const problems: string[] = [];
  const resolved: ResolvedObject[] = [];
  for (const def of objects) {
    const d = descriptions.get(def.hub);
    if (!d) continue;
    resolved.push(resolveObject(sync, def, d.hub, d.app, problems));
  }
  if (problems.length > 0) {
    throw new SyncctlError('mapping_invalid', `Sync ${sync.name} cannot run: ${problems.length} mapping problem(s):\n  - ${problems.join('\n  - ')}`, {
      hint: 'Fix the mappings in the sync definition (field names as the apps describe them, compatible types, match properties mapped), then apply again. Nothing was written.',
      meta: { sync: sync.name, problems },
    });
  }
  return resolved;
}
