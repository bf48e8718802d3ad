import { describe, expect, it } from 'vitest';
import { codes, connection, errors, load, problem, sync, withConnections, yamlOf } from './helpers.js';

const CONNECTIONS = { file: 'syncs/connections.yaml', content: yamlOf(connection('crm'), connection('shop'), connection('erp')) };

describe('connection references', () => {
  it('an unknown connection name is an error at the name, with a suggestion', () => {
    const content = 'apiVersion: syncctl/v1\nkind: Sync\nname: s\nhub: crm\napp: shopp\nobjects: [{ hub: contacts, app: customers }]\n';
    const result = load([CONNECTIONS, { file: 'syncs/s.yaml', content }]);
    const p = problem(result, 'unknown_connection');
    expect(p).toMatchObject({ file: 'syncs/s.yaml', line: 5, column: 6, path: '/app', hint: 'did you mean `shop`?', resource: { kind: 'Sync', name: 's' } });
    expect(result.desired.syncs).toEqual({});
    expect(result.rejected).toEqual([{ kind: 'Sync', name: 's', file: 'syncs/s.yaml' }]);
  });

  it('hub and app the same connection is an error', () => {
    const result = load([CONNECTIONS, { file: 'syncs/s.yaml', content: yamlOf(sync('s', { app: 'crm' })) }]);
    expect(problem(result, 'same_connection')).toMatchObject({ path: '/app' });
  });

  it('a sync whose connection has errors is left out, the other syncs stay', () => {
    const broken = { ...connection('shop'), options: {} };
    const result = load([
      { file: 'syncs/c.yaml', content: yamlOf(connection('crm'), broken, connection('erp')) },
      { file: 'syncs/s.yaml', content: yamlOf(sync('on-shop'), sync('on-erp', { app: 'erp' })) },
    ]);
    expect(Object.keys(result.desired.syncs)).toEqual(['on-erp']);
    expect(Object.keys(result.desired.connections)).toEqual(['crm', 'erp']);
    expect(result.rejected).toEqual([
      { kind: 'Connection', name: 'shop', file: 'syncs/c.yaml' },
      { kind: 'Sync', name: 'on-shop', file: 'syncs/s.yaml' },
    ]);
    expect(codes(result)).toEqual(['missing_property']);
  });
});

describe('duplicate names', () => {
  it('two connections with one name: both reported, each naming the other, both left out', () => {
    const result = load([
      { file: 'syncs/a.yaml', content: yamlOf(connection('crm'), connection('shop')) },
      { file: 'syncs/b.yaml', content: yamlOf(connection('crm')) },
    ]);
    const dups = result.problems.filter((p) => p.code === 'duplicate_connection');
    expect(dups.map((p) => [p.file, p.line, p.column])).toEqual([['syncs/a.yaml', 3, 7], ['syncs/b.yaml', 3, 7]]);
    expect(dups[0]?.message).toContain('syncs/b.yaml:3:7');
    expect(Object.keys(result.desired.connections)).toEqual(['shop']);
  });

  it('two syncs with one name', () => {
    const result = load([CONNECTIONS, { file: 'syncs/a.yaml', content: yamlOf(sync('s'), sync('s', { app: 'erp' })) }]);
    expect(result.problems.filter((p) => p.code === 'duplicate_sync')).toHaveLength(2);
    expect(result.desired.syncs).toEqual({});
  });

  it('a duplicate counts even when the other copy is invalid', () => {
    const result = load([CONNECTIONS, { file: 'syncs/a.yaml', content: yamlOf(sync('s'), sync('s', { enabled: 'no' })) }]);
    expect(codes(result).sort()).toEqual(['duplicate_sync', 'duplicate_sync', 'invalid_type']);
  });
});

describe('objects of a sync', () => {
  it('the same object pair twice', () => {
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'customers' }, { hub: 'contacts', app: 'customers', direction: 'to-app' }] })));
    expect(problem(result, 'duplicate_object_pair')).toMatchObject({ path: '/objects/1' });
  });

  it('one hub object in two pairs, and one app object in two pairs: each named at its side', () => {
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'customers' }, { hub: 'contacts', app: 'leads' }, { hub: 'companies', app: 'customers' }] })));
    const found = result.problems.filter((p) => p.code === 'object_in_two_pairs');
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['/objects/1/hub', 'hub object `contacts` is already paired in objects[0]'],
      ['/objects/2/app', 'app object `customers` is already paired in objects[0]'],
    ]);
  });

  it('one app object written by two syncs: both reported; to-hub and turned-off syncs do not write', () => {
    const result = load([CONNECTIONS, { file: 'syncs/a.yaml', content: yamlOf(sync('a'), sync('b', { hub: 'erp' })) }]);
    const conflicts = result.problems.filter((p) => p.code === 'app_object_conflict');
    expect(conflicts.map((p) => p.resource?.name)).toEqual(['a', 'b']);
    expect(conflicts[0]?.message).toContain('sync `b`');
    expect(result.desired.syncs).toEqual({});

    const oneWay = load([CONNECTIONS, { file: 'syncs/a.yaml', content: yamlOf(sync('a'), sync('b', { hub: 'erp', objects: [{ hub: 'contacts', app: 'customers', direction: 'to-hub' }] })) }]);
    expect(oneWay.problems).toEqual([]);
    const off = load([CONNECTIONS, { file: 'syncs/a.yaml', content: yamlOf(sync('a'), sync('b', { hub: 'erp', enabled: false })) }]);
    expect(off.problems).toEqual([]);
  });

  it('one app object written twice by one sync', () => {
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'customers' }, { hub: 'leads', app: 'customers', direction: 'to-app' }] })));
    expect(result.problems.filter((p) => p.code === 'app_object_conflict').map((p) => p.path)).toEqual(['/objects/0/app', '/objects/1/app']);
  });

  it('two enabled mappings to the same hub field or the same app field', () => {
    const fields = [
      { hub: 'email', app: 'email' },
      { hub: 'email', app: 'email2' },
      { hub: 'phone', app: 'email' },
      { hub: 'mobile', app: 'mobile' },
      { hub: 'mobile', app: 'cell', enabled: false },
    ];
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'customers', mappings: { fields } }] })));
    expect(result.problems.filter((p) => p.code === 'duplicate_mapping_target').map((p) => p.path)).toEqual(['/objects/0/mappings/fields/1/hub', '/objects/0/mappings/fields/2/app']);
  });

  it('the same mapping listed twice is one problem', () => {
    const fields = [{ hub: 'email', app: 'email' }, { hub: 'email', app: 'email', required: true }];
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'customers', mappings: { fields } }] })));
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([['duplicate_mapping_target', '/objects/0/mappings/fields/1']]);
  });

  it('onlyWithEmail on a non-contact object: true is an error, false a warning', () => {
    const on = load(withConnections(sync('s', { objects: [{ hub: 'companies', app: 'accounts', onlyWithEmail: true }] })));
    expect(problem(on, 'only_with_email_not_contacts')).toMatchObject({ severity: 'error', path: '/objects/0/onlyWithEmail' });
    const off = load(withConnections(sync('s', { objects: [{ hub: 'companies', app: 'accounts', onlyWithEmail: false }] })));
    expect(problem(off, 'only_with_email_not_contacts').severity).toBe('warning');
    expect(off.ok).toBe(true);
    expect(load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'c', onlyWithEmail: false }] }))).problems).toEqual([]);
  });

  it('match on a property that is not mapped', () => {
    const object = (mappings: object): object => ({ hub: 'contacts', app: 'customers', match: ['email'], mappings });
    const noDefaults = load(withConnections(sync('s', { objects: [object({ defaults: false, fields: [{ hub: 'name', app: 'name' }] })] })));
    expect(problem(noDefaults, 'match_not_mapped')).toMatchObject({ severity: 'error', path: '/objects/0/match/0' });
    const switchedOff = load(withConnections(sync('s', { objects: [object({ fields: [{ hub: 'email', app: 'mail', enabled: false }] })] })));
    expect(problem(switchedOff, 'match_not_mapped').message).toContain('switched off');
    // Defaults may map a same-named field: only the connectors can tell, so no problem here.
    expect(load(withConnections(sync('s', { objects: [object({ defaults: true })] }))).problems).toEqual([]);
    expect(load(withConnections(sync('s', { objects: [object({ defaults: false, fields: [{ hub: 'email', app: 'mail' }] })] }))).problems).toEqual([]);
  });

  it('a required mapping that is switched off is a warning', () => {
    const result = load(withConnections(sync('s', { objects: [{ hub: 'contacts', app: 'c', mappings: { fields: [{ hub: 'email', app: 'email', required: true, enabled: false }] } }] })));
    expect(problem(result, 'required_mapping_disabled')).toMatchObject({ severity: 'warning', path: '/objects/0/mappings/fields/0/required' });
  });

  it('pollInterval under one second', () => {
    expect(problem(load(withConnections(sync('s', { pollInterval: '500ms' }))), 'poll_interval_too_short').path).toBe('/pollInterval');
    expect(load(withConnections(sync('s', { pollInterval: '0s' }))).ok).toBe(false);
  });
});

describe('associations', () => {
  const two = [{ hub: 'contacts', app: 'customers' }, { hub: 'companies', app: 'accounts' }];

  it('from/to must be hub objects of the sync', () => {
    const result = load(withConnections(sync('s', { objects: two, associations: [{ from: 'contacts', to: 'deals' }, { from: 'customers', to: 'companies' }] })));
    expect(result.problems.filter((p) => p.code === 'association_unknown_object').map((p) => p.path)).toEqual(['/associations/0/to', '/associations/1/from']);
  });

  it('from equal to to', () => {
    expect(problem(load(withConnections(sync('s', { objects: two, associations: [{ from: 'contacts', to: 'contacts' }] }))), 'association_self').path).toBe('/associations/0');
  });

  it('the same association twice, in either direction', () => {
    const result = load(withConnections(sync('s', { objects: two, associations: [{ from: 'contacts', to: 'companies' }, { from: 'companies', to: 'contacts' }] })));
    expect(problem(result, 'duplicate_association').path).toBe('/associations/1');
  });
});

describe('rules skip what the schema already rejected', () => {
  it('a schema-invalid sync still gets its own, separate mistakes reported (all problems at once)', () => {
    const result = load(withConnections(sync('s', { hub: 'nope', objects: [{ hub: 'contacts' }] })));
    expect(errors(result).map((p) => p.code).sort()).toEqual(['missing_property', 'unknown_connection']);
  });
});
