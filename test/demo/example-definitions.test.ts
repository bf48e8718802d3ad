// syncs/demo.yaml is what a newcomer copies: it must be valid against the schema and must fit
// the demo databases (every mapped, matched and filtered property exists, with compatible types).
// Until the config loader lands this checks with ajv directly; the lead switches it to the loader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { getConnectorFactory } from '../../src/connectors/index.js';
import type { Connector, FieldInfo } from '../../src/connectors/types.js';
import type { ConnectionDocument, SyncDocument } from '../../src/config/types.generated.js';
import { seedDemo } from '../../src/demo/index.js';
import { tempDir, type TempDir } from '../connectors/helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const text = readFileSync(join(root, 'syncs/demo.yaml'), 'utf8');
const docs = parseAllDocuments(text).map((d) => d.toJSON() as Record<string, unknown>);
const connections = docs.filter((d) => d.kind === 'Connection') as unknown as ConnectionDocument[];
const syncs = docs.filter((d) => d.kind === 'Sync') as unknown as SyncDocument[];

// ajv-formats is CommonJS: under NodeNext its default export arrives nested one level down.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

function compatible(hub: FieldInfo, app: FieldInfo): boolean {
  const text = new Set(['string', 'enum']);
  return hub.type === app.type || (text.has(hub.type) && text.has(app.type));
}

describe('syncs/demo.yaml', () => {
  it('starts with the schema header and parses without YAML errors', () => {
    expect(text.startsWith('# yaml-language-server: $schema=../schema/syncctl.schema.json\n')).toBe(true);
    for (const doc of parseAllDocuments(text)) expect(doc.errors).toEqual([]);
    expect(connections.map((c) => c.name)).toEqual(['crm', 'shop']);
    expect(syncs.map((s) => s.name)).toEqual(['crm-shop']);
  });

  it('is valid against schema/syncctl.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schema/syncctl.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    for (const doc of docs) {
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    // The check has teeth: a typo in a setting is refused.
    const [sync] = syncs;
    expect(validate({ ...sync, objects: sync?.objects.map((o) => ({ ...o, conflictWiner: 'hub' })) })).toBe(false);
  });

  describe('against the seeded demo databases', () => {
    let tmp: TempDir;
    const connectors = new Map<string, Connector>();
    beforeAll(async () => {
      tmp = tempDir();
      await seedDemo(join(tmp.dir, 'demo'));
      for (const c of connections) {
        connectors.set(c.name, getConnectorFactory(c.connector).create(c.options as Record<string, unknown>, { connection: c.name, baseDir: join(tmp.dir, 'syncs') }));
      }
    });
    afterAll(async () => {
      for (const c of connectors.values()) await c.close();
      tmp.cleanup();
    });

    it('maps, matches and filters properties that exist, with compatible types, on writable fields', async () => {
      for (const sync of syncs) {
        const hub = connectors.get(sync.hub);
        const app = connectors.get(sync.app);
        if (!hub || !app) throw new Error('connection missing');
        for (const object of sync.objects) {
          const hubFields = new Map((await hub.describe(object.hub)).fields.map((f) => [f.name, f]));
          const appFields = new Map((await app.describe(object.app)).fields.map((f) => [f.name, f]));
          for (const mapping of object.mappings?.fields ?? []) {
            const h = hubFields.get(mapping.hub);
            const a = appFields.get(mapping.app);
            expect(h, `${object.hub}.${mapping.hub}`).toBeDefined();
            expect(a, `${object.app}.${mapping.app}`).toBeDefined();
            if (!h || !a || mapping.enabled === false) continue;
            expect(compatible(h, a), `${mapping.hub} <-> ${mapping.app}`).toBe(true);
            expect(h.readOnly || a.readOnly, `${mapping.hub} <-> ${mapping.app} writable`).toBe(false);
          }
          for (const property of object.match ?? []) expect(hubFields.has(property), `match ${property}`).toBe(true);
          for (const filter of object.filters?.hub ?? []) {
            const field = hubFields.get(filter.property);
            expect(field).toBeDefined();
            for (const value of [filter.value ?? []].flat()) if (field?.type === 'enum') expect(field.options).toContain(value);
          }
        }
      }
    });

    it('finds a link table on both sides for every association, by each app\'s own object names', async () => {
      for (const sync of syncs) {
        const hub = connectors.get(sync.hub);
        const app = connectors.get(sync.app);
        if (!hub?.associations || !app?.associations) throw new Error('both demo connections keep associations');
        const appName = new Map(sync.objects.map((o) => [o.hub, o.app]));
        expect(sync.associations?.length).toBe(3);
        for (const { from, to } of sync.associations ?? []) {
          const appKind = { from: appName.get(from) ?? '', to: appName.get(to) ?? '' };
          expect(hub.associations.supports({ from, to }), `hub ${from}->${to}`).toBe(true);
          expect(app.associations.supports(appKind), `app ${appKind.from}->${appKind.to}`).toBe(true);
          for (const [side, kind] of [[hub.associations, { from, to }], [app.associations, appKind]] as const) {
            const edges = [];
            for await (const page of side.scan?.(kind, { pageSize: 500 }) ?? []) edges.push(...page.edges);
            expect(edges.length, `${kind.from}->${kind.to}`).toBeGreaterThan(10);
            // Primary-only kinds (to: companies) have a flag that is not set on every edge.
            if (to === 'companies') expect(new Set(edges.map((e) => e.primary)), `${kind.from}->${kind.to}`).toEqual(new Set([true, false]));
          }
        }
      }
    });

    it('reaches every object of the sync through the connection options (renames included)', async () => {
      const shop = connectors.get('shop');
      const [page] = await (async () => {
        const pages = [];
        for await (const p of shop?.list('accounts', { pageSize: 5, properties: ['domain', 'company_name'] }) ?? []) pages.push(p);
        return pages;
      })();
      expect(page?.records.length).toBe(5);
      expect(Object.keys(page?.records[0]?.properties ?? {})).toEqual(['domain', 'company_name']);
    });
  });
});
