import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

// Line and column of every kind of schema problem, on literal YAML.
const CONNECTIONS = 'apiVersion: syncctl/v1\nkind: Connection\nname: crm\nconnector: sqlite\noptions: { path: a.db }\n---\napiVersion: syncctl/v1\nkind: Connection\nname: shop\nconnector: sqlite\noptions: { path: b.db }\n';

const SYNC = `# a comment moves nothing
apiVersion: syncctl/v1
kind: Sync
name: crm-shop
hub: crm
app: shop
objects:
  - hub: contacts
    app: customers
    direction: sideways
    conflictWiner: app
    mappings:
      fields:
        - { hub: email }
---
apiVersion: syncctl/v1
kind: Sync
name: second
hub: crm
app: shop
enabled: "true"
objects:
  - hub: companies
    app: accounts
`;

describe('positions in problems', () => {
  const result = load([
    { file: 'syncs/b-syncs.yaml', content: SYNC },
    { file: 'syncs/a-connections.yaml', content: CONNECTIONS },
  ]);
  const at = (code: string): [number | undefined, number | undefined, string | undefined] => {
    const p = result.problems.find((x) => x.code === code);
    return [p?.line, p?.column, p?.path];
  };

  it('an enum value points at the value', () => {
    expect(at('invalid_enum_value')).toEqual([10, 16, '/objects/0/direction']);
  });

  it('an unknown property points at the key', () => {
    expect(at('unknown_property')).toEqual([11, 5, '/objects/0/conflictWiner']);
  });

  it('a missing property points at the parent', () => {
    expect(at('missing_property')).toEqual([14, 11, '/objects/0/mappings/fields/0']);
    expect(result.problems.find((p) => p.code === 'missing_property')?.message).toContain('`app`');
  });

  it('a problem in the second document of a file has that file\'s line numbers', () => {
    expect(at('invalid_type')).toEqual([21, 10, '/enabled']);
    expect(result.problems.find((p) => p.code === 'invalid_type')?.resource).toEqual({ kind: 'Sync', name: 'second' });
  });

  it('problems are sorted by file, line, column', () => {
    expect(result.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'syncs/b-syncs.yaml:10:16',
      'syncs/b-syncs.yaml:11:5',
      'syncs/b-syncs.yaml:14:11',
      'syncs/b-syncs.yaml:21:10',
    ]);
    expect(result.files).toEqual(['syncs/a-connections.yaml', 'syncs/b-syncs.yaml']);
  });
});
