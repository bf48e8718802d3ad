import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

describe('all problems at once', () => {
  it('a sync with a schema error still gets its connection references and env references checked', () => {
    const text = [
      'apiVersion: syncctl/v1',
      'kind: Connection',
      'name: crm',
      'connector: sqlite',
      'options: { path: ./crm.db }',
      '---',
      'apiVersion: syncctl/v1',
      'kind: Sync',
      'name: s',
      'hub: crm',
      'app: shpo',
      'notify: { webhook: "${env:SYNCCTL_TEST_UNSET_HOOK}" }',
      'objects:',
      '  - { hub: contacts, app: customers, conflictWiner: hub }',
      '',
    ].join('\n');
    const result = load([{ file: 'syncs/a.yaml', content: text }], { phase: 'apply', env: {} });
    expect(codes(result)).toEqual(expect.arrayContaining(['unknown_property', 'unknown_connection', 'env_unset']));
  });
});
