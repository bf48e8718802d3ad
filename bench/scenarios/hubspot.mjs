// HubSpot emulator, not measurable yet: there is no HubSpot connector. When it lands, this file
// starts a local HubSpot API emulator (127.0.0.1) enforcing 190 requests per 10 s (429 with
// Retry-After beyond that), runs an initial sync against it, and reports records/s, the share
// of the 10-second request budget used, and 429s left unhandled.
// Targets: >= 90% of the request budget used; no 429 left unhandled.
// bench/targets.mjs reads case 'initial' with metrics.budgetUsed (0..1) and metrics.unhandled429.
import { importDist } from '../lib/dist.mjs';

async function hubspotAvailable() {
  try {
    const { listConnectors } = await importDist('connectors/index.js');
    return listConnectors().some((c) => c.name === 'hubspot' && c.available);
  } catch {
    return false;
  }
}

export default {
  name: 'hubspot',
  title: 'HubSpot emulator (190 requests / 10 s): initial sync rate and request budget used',
  summary: 'records/s of an initial sync against a rate-limited HubSpot emulator, budget used, 429s unhandled',
  needs: [],
  async cases() {
    if (!(await hubspotAvailable())) return { notMeasured: 'the HubSpot connector does not exist yet' };
    return { notMeasured: 'HubSpot connector found, but this scenario is not written yet: replace bench/scenarios/hubspot.mjs' };
  },
  run: async () => {
    throw new Error('not measured yet');
  },
  table: () => ({ headers: [], rows: [] }),
};
