// A connector whose every call first lets the event loop turn. Connectors on synchronous
// drivers (better-sqlite3) resolve their promises at once, so a pass over thousands of changes
// would otherwise never give the runner's HTTP server, timers or signal handlers a turn.
import type { AssociationsApi, Connector } from '../connectors/types.js';
import { turn } from '../util/turn.js';

async function* turnEach<T>(pages: AsyncIterable<T>): AsyncIterable<T> {
  for await (const page of pages) {
    await turn();
    yield page;
  }
}

/** Wraps `connector` so that each call and each page waits for one event-loop turn. */
export function cooperative(connector: Connector): Connector {
  const wrapped: Connector = {
    describe: async (object) => {
      await turn();
      return connector.describe(object);
    },
    list: (object, options) => turnEach(connector.list(object, options)),
    read: async (object, ids, properties) => {
      await turn();
      return connector.read(object, ids, properties);
    },
    create: async (object, inputs) => {
      await turn();
      return connector.create(object, inputs);
    },
    update: async (object, inputs) => {
      await turn();
      return connector.update(object, inputs);
    },
    changes: (object, since, options) => turnEach(connector.changes(object, since, options)),
    close: () => connector.close(),
  };
  if (connector.watch) wrapped.watch = connector.watch.bind(connector);
  if (connector.associations) return { ...wrapped, associations: cooperativeAssociations(connector.associations) };
  return wrapped;
}

/** The same for a connector's associations (supports is synchronous and left as it is). */
function cooperativeAssociations(api: AssociationsApi): AssociationsApi {
  const after = <T>(call: () => Promise<T>): Promise<T> => turn().then(call);
  const { scan } = api;
  return {
    supports: (kind) => api.supports(kind),
    read: (kind, ids) => after(() => api.read(kind, ids)),
    readReverse: (kind, ids) => after(() => api.readReverse(kind, ids)),
    add: (kind, edges) => after(() => api.add(kind, edges)),
    remove: (kind, ends) => after(() => api.remove(kind, ends)),
    ...(scan ? { scan: (kind: Parameters<typeof scan>[0], options: Parameters<typeof scan>[1]) => turnEach(scan.call(api, kind, options)) } : {}),
  };
}
