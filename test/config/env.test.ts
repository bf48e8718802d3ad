import { afterEach, describe, expect, it } from 'vitest';
import { formatProblemsText, problemsToJson, resolveEnvRefs } from '../../src/config/index.js';
import { clearSecrets, redactSecrets } from '../../src/log/redact.js';
import { codes, connection, load, problem, sync, yamlOf } from './helpers.js';

const hubspotFile = (token = '${env:HUBSPOT_TOKEN}'): { file: string; content: string } => ({
  file: 'syncs/hubspot.yaml',
  content: `apiVersion: syncctl/v1\nkind: Connection\nname: hubspot-eu\nconnector: hubspot\noptions:\n  token: "${token}"\n`,
});

afterEach(() => clearSecrets());

describe('unset ${env:X}', () => {
  it('is a warning at validate and plan, positioned at the value', () => {
    for (const phase of ['validate', 'plan'] as const) {
      const result = load([hubspotFile()], { phase, env: {} });
      expect(result.ok).toBe(true);
      expect(result.problems).toEqual([
        expect.objectContaining({ severity: 'warning', code: 'env_unset', file: 'syncs/hubspot.yaml', line: 6, column: 10, path: '/options/token', resource: { kind: 'Connection', name: 'hubspot-eu' } }),
      ]);
      expect(result.desired.connections['hubspot-eu']).toBeDefined();
    }
  });

  it('is an error with strict, and at apply and run; the connection is then left out', () => {
    for (const options of [{ phase: 'validate', strict: true }, { phase: 'plan', strict: true }, { phase: 'apply' }, { phase: 'run' }] as const) {
      const result = load([hubspotFile()], { ...options, env: {} });
      expect(result.ok).toBe(false);
      expect(problem(result, 'env_unset').severity).toBe('error');
      expect(result.rejected).toEqual([{ kind: 'Connection', name: 'hubspot-eu', file: 'syncs/hubspot.yaml' }]);
    }
  });

  it('an empty variable counts as unset (CI hands "" for secrets it withholds)', () => {
    expect(problem(load([hubspotFile()], { phase: 'apply', env: { HUBSPOT_TOKEN: '' } }), 'env_unset').severity).toBe('error');
  });

  it('a set variable gives no problem, and options keep the reference as written', () => {
    const result = load([hubspotFile()], { phase: 'apply', env: { HUBSPOT_TOKEN: 'pat-eu1-s3cr3t-value' } });
    expect(result.problems).toEqual([]);
    expect(result.desired.connections['hubspot-eu']?.options).toEqual({ token: '${env:HUBSPOT_TOKEN}' });
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });

  it('is found anywhere in connection options and in notify.webhook', () => {
    const sqlite = connection('crm', { path: '${env:DATA_DIR}/crm.db' });
    const hubspot = connection('shop', { token: '${env:TOKEN}', webhookSecret: '${env:HS_SECRET}' }, 'hubspot');
    const s = sync('s', { notify: { webhook: '${env:HOOK}' } });
    const result = load([{ file: 'syncs/a.yaml', content: yamlOf(sqlite, hubspot, s) }], { phase: 'plan', env: { TOKEN: 'tok-1234' } });
    expect(result.problems.filter((p) => p.code === 'env_unset').map((p) => [p.path, p.message])).toEqual([
      ['/options/path', expect.stringContaining('DATA_DIR')],
      ['/options/webhookSecret', expect.stringContaining('HS_SECRET')],
      ['/notify/webhook', expect.stringContaining('HOOK')],
    ]);
  });

  it('a shell-style ${X} is reported as malformed', () => {
    const result = load([{ file: 'syncs/a.yaml', content: yamlOf(connection('crm', { path: '${DATA_DIR}/crm.db' })) }]);
    expect(codes(result)).toEqual(['invalid_env_ref']);
  });
});

describe('a resolved secret never appears in any problem', () => {
  it('even when the document has other errors and the value is set', () => {
    const secret = 'pat-eu1-TOPSECRET-0123';
    const content = yamlOf(connection('hs', { token: '${env:HUBSPOT_TOKEN}', tier: 'gold', webhookSecret: '${env:HS_SECRET}' }, 'hubspot'), sync('s', { hub: 'hs', app: 'nope', notify: { webhook: '${env:HUBSPOT_TOKEN}' } }));
    const result = load([{ file: 'syncs/a.yaml', content }], { phase: 'apply', env: { HUBSPOT_TOKEN: secret } });
    expect(result.ok).toBe(false);
    const outputs = [JSON.stringify(result), formatProblemsText(result.problems), JSON.stringify(problemsToJson(result))];
    for (const out of outputs) expect(out).not.toContain('TOPSECRET');
    // Loading registered the value, so anything that later prints it is scrubbed.
    expect(redactSecrets(`token is ${secret}`)).toBe('token is [redacted]');
  });
});

describe('resolveEnvRefs', () => {
  it('replaces references deeply, lists what is missing once, registers resolved values', () => {
    const input = { token: '${env:TOKEN}', nested: [{ url: 'https://${env:HOST}/x/${env:MISSING}' }, 3, null], other: '${env:MISSING}' };
    const { value, missing } = resolveEnvRefs(input, { TOKEN: 'tok-123456', HOST: 'api.example.com' });
    expect(value).toEqual({ token: 'tok-123456', nested: [{ url: 'https://api.example.com/x/${env:MISSING}' }, 3, null], other: '${env:MISSING}' });
    expect(missing).toEqual(['MISSING']);
    expect(redactSecrets('Bearer tok-123456')).toBe('Bearer [redacted]');
    expect(input.token).toBe('${env:TOKEN}');
  });
});
