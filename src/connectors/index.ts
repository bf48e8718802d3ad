// Everything the rest of syncctl uses from connectors: the contract, the registry and the
// SQLite connector's extras.
export type * from './types.js';
export { getConnectorFactory, listConnectors, secretOptionsOf, type ConnectorListing } from './registry.js';
export {
  createSqliteConnector,
  sqliteConnectorFactory,
  SqliteConnector,
  DEFAULT_BUSY_TIMEOUT_MS,
  MAX_IDS_PER_STATEMENT,
  type SqliteConnectorSettings,
} from './sqlite/index.js';
export {
  createHubspotConnector,
  hubspotConnectorFactory,
  HubspotConnector,
  verifyHubspotWebhook,
  parseHubspotWebhookEvents,
} from './hubspot/index.js';
