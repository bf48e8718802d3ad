// The one place connectors are registered. A connector that is planned but not built yet is
// listed (its secret options must already be redacted) without a factory.
import { closest } from 'fastest-levenshtein';
import { SyncctlError } from '../errors/syncctl-error.js';
import { hubspotConnectorFactory } from './hubspot/index.js';
import { sqliteConnectorFactory } from './sqlite/index.js';
import type { ConnectorFactory } from './types.js';

/** A connector syncctl knows of. */
export interface ConnectorListing {
  name: string;
  /** False while the connector is announced but not built yet. */
  available: boolean;
  /** Option names holding secrets (redacted everywhere). */
  secretOptions: readonly string[];
}

interface Entry {
  secretOptions: readonly string[];
  factory?: ConnectorFactory;
}

const CONNECTORS: Readonly<Record<string, Entry>> = {
  sqlite: { secretOptions: sqliteConnectorFactory.secretOptions, factory: sqliteConnectorFactory },
  hubspot: { secretOptions: hubspotConnectorFactory.secretOptions, factory: hubspotConnectorFactory },
};

function entry(name: string): Entry {
  const found = Object.hasOwn(CONNECTORS, name) ? CONNECTORS[name] : undefined;
  if (found) return found;
  const names = Object.keys(CONNECTORS);
  throw new SyncctlError('unknown_connector', `there is no connector named "${name}".`, {
    hint: `Did you mean "${closest(name, names)}"? Connectors: ${names.join(', ')}.`,
    meta: { connector: name },
  });
}

/** The factory of a connector; throws `unknown_connector`, or `connector_unavailable` when it is not built yet. */
export function getConnectorFactory(name: string): ConnectorFactory {
  const found = entry(name);
  if (found.factory) return found.factory;
  const available = listConnectors().filter((c) => c.available).map((c) => c.name);
  throw new SyncctlError('connector_unavailable', `the ${name} connector is not available in this version of syncctl yet.`, {
    hint: `Connectors available now: ${available.join(', ')}.`,
    meta: { connector: name },
  });
}

/** Every connector syncctl knows of, by name. */
export function listConnectors(): ConnectorListing[] {
  return Object.entries(CONNECTORS)
    .map(([name, e]) => ({ name, available: e.factory !== undefined, secretOptions: e.secretOptions }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Option names of a connector that hold secrets; throws `unknown_connector` for a name it does not know. */
export function secretOptionsOf(name: string): readonly string[] {
  return entry(name).secretOptions;
}
