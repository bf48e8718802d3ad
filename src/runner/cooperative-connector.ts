// A connector whose every call first lets the event loop turn. Connectors on synchronous
// drivers (better-sqlite3) resolve their promises at once, so a pass over thousands of changes
// would otherwise never give the runner's HTTP server, timers or signal handlers a turn.
import type { Connector } from '../connectors/types.js';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  return wrapped;
}
