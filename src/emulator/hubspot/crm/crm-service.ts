// HubSpot's record rules on top of the store: validation, system properties, contacts' unique
// email (409 "Contact already exists. Existing ID: N"), archiving, associations on create, the
// change events webhooks are made of, and the search index's optional lag.
import { type HubspotApiError, contactExists, notFound, propertyValuesError, validationError } from '../errors.js';
import type { ObjectTypeName } from '../object-types.js';
import type { EmulatorStore, StoredObject } from '../store/index.js';
import { type AssociationTypeDef, HUBSPOT_DEFINED, associationType } from './association-types.js';
import { AssociationService } from './associations.js';
import type { ChangeEvent } from './events.js';
import { archivedRecord, changedValues, newRecord, updatedRecord, withLastModified } from './records.js';
import { checkProperties } from './validate.js';

/** How the service is wired. */
export interface CrmServiceOptions {
  store: EmulatorStore;
  /** The data clock (epoch ms) for createdate and hs_lastmodifieddate. */
  clock: () => number;
  onChange?: (event: ChangeEvent) => void;
  /** Writes become visible to search this many ms (real time) later, like HubSpot's index. */
  searchLagMs?: number;
}

/** Per-write options for seeding and tests. */
export interface WriteOptions {
  /** Use this time instead of the clock. */
  at?: number;
  /** Emit no change events (seeding). */
  silent?: boolean;
}

/** One input of a create: the API's `properties` and `associations`, not yet checked. */
export interface CreateInput {
  properties?: unknown;
  associations?: unknown;
}

/** One input of a batch update. */
export interface UpdateInput {
  id: string;
  properties: unknown;
  idProperty?: string;
}

/** Why one input of a batch failed while the others went through. */
export interface ItemFailure {
  id: string;
  error: HubspotApiError;
}

interface PlannedAssociation {
  def: AssociationTypeDef;
  toId: string;
}

/** The CRM operations the HTTP routes, the seed and tests share. */
export class CrmService {
  readonly store: EmulatorStore;
  readonly associations: AssociationService;
  private readonly clock: () => number;
  private readonly onChange: (event: ChangeEvent) => void;
  private readonly searchLagMs: number;
  private readonly writtenAt = new Map<string, number>();

  constructor(options: CrmServiceOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.onChange = options.onChange ?? (() => undefined);
    this.searchLagMs = options.searchLagMs ?? 0;
    this.associations = new AssociationService(this.store);
  }

  /** A record by id, or by a unique property (`idProperty` email for contacts). */
  find(type: ObjectTypeName, id: string, options: { archived?: boolean; idProperty?: string } = {}): StoredObject | undefined {
    const archived = options.archived ?? false;
    const idProperty = options.idProperty ?? 'hs_object_id';
    if (idProperty === 'hs_object_id') {
      if (!/^\d+$/.test(id)) return undefined;
      const record = this.store.get(type, id);
      return record && record.archived === archived ? record : undefined;
    }
    if (idProperty === 'email' && type === 'contacts') {
      return archived ? undefined : this.store.findContactByEmail(id.trim());
    }
    throw validationError(`idProperty "${idProperty}" is not a unique property of ${type}; use hs_object_id${type === 'contacts' ? ' or email' : ''}.`);
  }

  /** Creates records atomically: any invalid input fails the whole call, as HubSpot's batch create does. */
  createMany(type: ObjectTypeName, inputs: readonly CreateInput[], options: WriteOptions = {}): StoredObject[] {
    const checked = inputs.map((input, i) => checkProperties(type, input.properties, true, inputs.length > 1 ? `inputs[${i}].properties` : 'properties'));
    const problems = checked.flatMap((c) => c.problems);
    if (problems.length > 0) throw propertyValuesError(problems);
    const planned = inputs.map((input, i) => this.planAssociations(type, input.associations, inputs.length > 1 ? `inputs[${i}].associations` : 'associations'));
    if (type === 'contacts') this.checkNewEmails(checked.map((c) => c.values.email));
    const at = options.at ?? this.clock();
    const created = this.store.transaction(() =>
      checked.map((c, i) => {
        const record = newRecord(type, this.store.nextId(), c.values, at);
        this.store.put(record);
        for (const a of planned[i] ?? []) this.associations.associate(a.def, record.id, a.toId);
        return record;
      }),
    );
    for (const record of created) {
      this.markWritten(record);
      if (!options.silent) this.emit({ kind: 'creation', objectType: type, objectId: record.id, occurredAt: at });
    }
    return created;
  }

  /** Updates one record; throws 404, 400 or 409. */
  update(type: ObjectTypeName, id: string, properties: unknown, idProperty?: string, options: WriteOptions = {}): StoredObject {
    const { results, failures } = this.updateMany(type, [{ id, properties, idProperty }], options);
    if (failures[0]) throw failures[0].error;
    return results[0] as StoredObject;
  }

  /** Updates records; an invalid value fails the call, a missing record or a taken email fails its input only. */
  updateMany(type: ObjectTypeName, inputs: readonly UpdateInput[], options: WriteOptions = {}): { results: StoredObject[]; failures: ItemFailure[] } {
    const seen = new Set<string>();
    const dupes: string[] = [];
    for (const input of inputs) {
      const key = `${input.idProperty ?? ''}:${input.id}`;
      if (seen.has(key)) dupes.push(input.id);
      seen.add(key);
    }
    if (dupes.length > 0) throw validationError(`Duplicate IDs found in batch input: [${dupes.join(', ')}]. Each record may appear once per batch.`);
    const checked = inputs.map((input, i) => checkProperties(type, input.properties, false, inputs.length > 1 ? `inputs[${i}].properties` : 'properties'));
    const problems = checked.flatMap((c) => c.problems);
    if (problems.length > 0) throw propertyValuesError(problems);

    const failures: ItemFailure[] = [];
    const planned: Array<{ record: StoredObject; changed: Record<string, string> }> = [];
    const claimed = new Map<string, string>();
    inputs.forEach((input, i) => {
      const record = this.find(type, input.id, { idProperty: input.idProperty });
      if (!record) {
        failures.push({ id: input.id, error: notFound(`Object ${input.id} of ${type} does not exist or is archived.`, { ids: [input.id] }) });
        return;
      }
      const values = checked[i]?.values ?? {};
      const email = values.email;
      if (type === 'contacts' && email) {
        const owner = this.store.findContactByEmail(email)?.id ?? claimed.get(email);
        if (owner !== undefined && owner !== record.id) {
          failures.push({ id: input.id, error: contactExists(owner) });
          return;
        }
        claimed.set(email, record.id);
      }
      planned.push({ record, changed: changedValues(record, values) });
    });

    const at = options.at ?? this.clock();
    const results = this.store.transaction(() =>
      planned.map(({ record, changed }) => {
        const next = updatedRecord(record, changed, at);
        if (next !== record) this.store.put(next);
        return next;
      }),
    );
    planned.forEach(({ record, changed }) => {
      if (Object.keys(changed).length === 0) return;
      this.markWritten(record);
      if (options.silent) return;
      for (const [propertyName, propertyValue] of Object.entries(changed)) {
        this.emit({ kind: 'propertyChange', objectType: type, objectId: record.id, occurredAt: at, propertyName, propertyValue });
      }
    });
    return { results, failures };
  }

  /** Archives a record; false when it does not exist or is archived already. */
  archive(type: ObjectTypeName, id: string, options: WriteOptions = {}): boolean {
    const record = this.find(type, id);
    if (!record) return false;
    const at = options.at ?? this.clock();
    this.store.put(archivedRecord(record, at));
    this.markWritten(record);
    if (!options.silent) this.emit({ kind: 'deletion', objectType: type, objectId: record.id, occurredAt: at });
    return true;
  }

  /** Sets hs_lastmodifieddate (and lastmodifieddate) of records without other changes or events. */
  setLastModified(type: ObjectTypeName, ids: readonly string[] | 'all', at: number): number {
    return this.store.transaction(() => {
      const records = ids === 'all' ? this.store.scan(type, false) : ids.map((id) => this.store.get(type, id)).filter((r) => r !== undefined);
      for (const record of records) this.store.put(withLastModified(record, at));
      return records.length;
    });
  }

  /** False while a fresh write is still "being indexed" (see `searchLagMs`). */
  searchable(record: StoredObject): boolean {
    if (this.searchLagMs <= 0) return true;
    const at = this.writtenAt.get(`${record.type}:${record.id}`);
    return at === undefined || at + this.searchLagMs <= Date.now();
  }

  private planAssociations(type: ObjectTypeName, raw: unknown, where: string): PlannedAssociation[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw validationError(`Invalid input JSON: "${where}" must be an array.`);
    return raw.flatMap((item: unknown, i) => {
      const entry = item as { to?: { id?: unknown }; types?: unknown } | null;
      const toId = entry?.to?.id;
      if ((typeof toId !== 'string' && typeof toId !== 'number') || !Array.isArray(entry?.types)) {
        throw validationError(`Invalid input JSON: "${where}[${i}]" needs "to": { "id" } and a "types" array.`);
      }
      return (entry.types as unknown[]).map((t) => {
        const spec = t as { associationCategory?: unknown; associationTypeId?: unknown } | null;
        const def = typeof spec?.associationTypeId === 'number' ? associationType(spec.associationTypeId) : undefined;
        if (spec?.associationCategory !== HUBSPOT_DEFINED || !def || def.from !== type) {
          throw validationError(
            `${where}[${i}]: association type ${String(spec?.associationCategory)} ${String(spec?.associationTypeId)} is not a HUBSPOT_DEFINED type from ${type} that this emulator implements.`,
          );
        }
        if (!this.find(def.to, String(toId))) {
          throw validationError(`${where}[${i}]: the ${def.to} record ${String(toId)} to associate with does not exist.`);
        }
        return { def, toId: String(toId) };
      });
    });
  }

  private checkNewEmails(emails: Array<string | undefined>): void {
    const firstAt = new Map<string, number>();
    emails.forEach((email, i) => {
      if (!email) return;
      const existing = this.store.findContactByEmail(email);
      if (existing) throw contactExists(existing.id);
      const first = firstAt.get(email);
      if (first !== undefined) {
        throw validationError(`Duplicate email ${email} in inputs[${first}] and inputs[${i}]: each contact's email must be unique.`);
      }
      firstAt.set(email, i);
    });
  }

  private markWritten(record: StoredObject): void {
    if (this.searchLagMs > 0) this.writtenAt.set(`${record.type}:${record.id}`, Date.now());
  }

  private emit(event: ChangeEvent): void {
    this.onChange(event);
  }
}
