import type { Connection } from '../config/model.js';
import { resolveEnvRefs } from '../config/env.js';
import { getConnectorFactory } from '../connectors/registry.js';
import type { Connector } from '../connectors/types.js';
import { SyncctlError } from '../errors/syncctl-error.js';

/**
 * Builds the connector of a connection, its `${env:X}` references resolved from `env`. An unset
 * variable is a SyncctlError `env_unset` naming the variable (never any value).
 */
export function openConnector(connection: Connection, env: Record<string, string | undefined>): Connector {
  const factory = getConnectorFactory(connection.connector);
  const { value, missing } = resolveEnvRefs(connection.options, env);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new SyncctlError('env_unset', `Connection ${connection.name} needs the environment variable${missing.length > 1 ? 's' : ''} ${list}, which ${missing.length > 1 ? 'are' : 'is'} not set.`, {
      hint: `Set ${list} in the environment of this command (an empty value counts as unset), then run it again.`,
      meta: { connection: connection.name, variables: missing },
    });
  }
  return factory.create(value as Record<string, unknown>, { connection: connection.name, baseDir: connection.baseDir });
}
