// examples/hubspot must stay valid as the config schema evolves: load it as `syncctl apply`
// would, with the token's env variable set and unset.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/config/index.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/hubspot', import.meta.url));

describe('examples/hubspot', () => {
  it('given HUBSPOT_TOKEN is set, when the example is loaded for apply, then it is valid with no problem', async () => {
    const result = await loadDefinitions(EXAMPLE, { phase: 'apply', env: { HUBSPOT_TOKEN: 'anything' } });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.desired.connections).sort()).toEqual(['hubspot', 'shop']);
    expect(result.desired.connections['hubspot']).toMatchObject({ connector: 'hubspot' });
    expect(result.desired.connections['shop']).toMatchObject({ connector: 'sqlite' });
    const sync = result.desired.syncs['hubspot-shop'];
    expect(sync).toMatchObject({ hub: 'hubspot', app: 'shop', enabled: true });
    expect(sync?.objects.map((o) => [o.hub, o.app])).toEqual([['contacts', 'customers']]);
  });

  it('given HUBSPOT_TOKEN is unset, when the example is validated, then it still loads and the token stays a reference', async () => {
    const result = await loadDefinitions(EXAMPLE, { phase: 'validate', env: {} });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result.desired)).not.toContain('anything');
  });

  it('given HUBSPOT_TOKEN is unset, when the example is loaded for apply, then loading names the missing variable', async () => {
    const result = await loadDefinitions(EXAMPLE, { phase: 'apply', env: {} });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.problems)).toContain('HUBSPOT_TOKEN');
  });

  it('given the example, then its README documents the offline commands', () => {
    const readme = readFileSync(`${EXAMPLE}/README.md`, 'utf8');
    expect(readme).toContain('npx syncctl emulator hubspot --port 4010 --seed demo');
    expect(readme).toContain('HUBSPOT_TOKEN=anything npx syncctl apply --dir examples/hubspot --state .syncctl/hubspot.db --yes');
  });
});
