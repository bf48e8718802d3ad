// A running sync's two connectors, opened on first use and kept open between passes, plus the
// apps' own change notifications where a connector offers them (debounced into one callback).
import type { Connection, Sync } from '../config/model.js';
import type { Connector } from '../connectors/types.js';
import { openConnector } from '../engine/index.js';
import type { Logger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import { cooperative } from './cooperative-connector.js';
import { watchOf } from './incremental-adapter.js';

type Side = 'hub' | 'app';

export interface SyncConnectorsOptions {
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Follow the apps' change notifications (service mode). */
  watch: boolean;
  /** Called once per burst of notifications. */
  onChange: () => void;
  debounceMs?: number;
}

/** Opens, watches and closes the connectors of one sync. */
export class SyncConnectors {
  readonly watching: Record<Side, boolean> = { hub: false, app: false };
  private opened: { hub: Connector; app: Connector; unwatch: (() => void)[] } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly sync: Sync,
    private readonly connections: Record<Side, Connection>,
    private readonly options: SyncConnectorsOptions,
  ) {}

  /** Both connectors, opened (and watched) on first use. */
  open(): { hub: Connector; app: Connector } {
    if (this.opened) return this.opened;
    const hub = cooperative(openConnector(this.connections.hub, this.options.env));
    let app: Connector;
    try {
      app = cooperative(openConnector(this.connections.app, this.options.env));
    } catch (err) {
      void hub.close().catch(() => undefined);
      throw err;
    }
    this.opened = { hub, app, unwatch: [] };
    if (this.options.watch) this.watch(this.opened);
    return this.opened;
  }

  /** Closes both connectors; the next open() builds new ones. */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watching.hub = false;
    this.watching.app = false;
    if (!opened) return;
    for (const unwatch of opened.unwatch) {
      try {
        unwatch();
      } catch {
        // Closing the connector below releases whatever the watch held.
      }
    }
    await Promise.all([opened.hub.close().catch(() => undefined), opened.app.close().catch(() => undefined)]);
  }

  /** Closes for good: notifications that still arrive are ignored. */
  async dispose(): Promise<void> {
    this.closed = true;
    await this.close();
  }

  private watch(opened: { hub: Connector; app: Connector; unwatch: (() => void)[] }): void {
    for (const side of ['hub', 'app'] as const) {
      const watch = watchOf(opened[side]);
      if (!watch) continue;
      try {
        opened.unwatch.push(watch(this.sync.objects.map((o) => o[side]), (object) => this.changed(side, object)));
        this.watching[side] = true;
      } catch (err) {
        this.options.logger.warn({ side, err: redactSecrets(err instanceof Error ? err.message : String(err)) }, 'cannot follow the app\'s changes; polling only');
      }
    }
  }

  // Notifications come in bursts (one per committed transaction): one callback answers a burst.
  private changed(side: Side, object: string): void {
    if (this.timer || this.closed) return;
    this.options.logger.debug({ side, object }, 'change noticed by the app watch');
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.options.onChange();
    }, this.options.debounceMs ?? 200);
    this.timer.unref();
  }
}
