// The connector contract, run for the HubSpot connector against the real emulator: companies
// (typed values: a number property) and contacts (unique email, HubSpot's email validation).
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import type { Properties } from '../../src/connectors/types.js';
import { connectorContract } from './contract.js';
import { connectorFor, seed, startEmulator } from './hubspot/helpers.js';

function fixture(object: 'companies' | 'contacts', sample: (n: number) => Properties, textProperty: string, invalidProperties: Properties) {
  return async () => {
    const em: HubspotEmulator = await startEmulator();
    return {
      connector: connectorFor(em),
      object,
      sample,
      textProperty,
      invalidProperties,
      missingId: '999999999',
      seed: async (records: Properties[], updatedAt: string) => seed(em, object, records, updatedAt),
      cleanup: () => em.close(),
    };
  };
}

connectorContract(
  'hubspot companies',
  fixture('companies', (n) => ({ name: `Company ${n}`, domain: `company${n}.example`, numberofemployees: n * 10 + 1, description: `About company ${n}` }), 'description', { numberofemployees: 'many' }),
);

connectorContract(
  'hubspot contacts',
  fixture('contacts', (n) => ({ email: `person${n}@example.com`, firstname: `First${n}`, lastname: 'Tester', jobtitle: `Job ${n}` }), 'jobtitle', { email: 'not an email' }),
);
