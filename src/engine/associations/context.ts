// What an association pass works with: both apps' association APIs, the association state, and
// the pass's retry policy and batch size.
import type { AssociationsApi, Connector } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { RetryPolicy } from '../incremental/retry.js';
import type { Side } from '../record-index.js';
import type { AssociationIndex } from './association-index.js';
import type { AssociationPlan, AssociationReport } from './types.js';

export interface AssociationContext {
  plan: AssociationPlan;
  /** Both apps' association APIs (the pass checked that both hold the kind). */
  apis: Record<Side, AssociationsApi>;
  /** Both connectors, for checking that records still exist before their edges are removed (guard.ts). */
  records: Record<Side, Connector>;
  /** Connection names, for messages. */
  connections: Record<Side, string>;
  index: AssociationIndex;
  logger: Logger;
  retry: RetryPolicy;
  /** From records per batch, and edges per write call. */
  pageSize: number;
  signal: AbortSignal | undefined;
  report: AssociationReport;
}

/** The association APIs of both connectors when both hold `plan`'s kind; else why not. */
export function associationApis(plan: AssociationPlan, connectors: Record<Side, Connector>): Record<Side, AssociationsApi> | string {
  const hub = connectors.hub.associations;
  const app = connectors.app.associations;
  if (!hub?.supports(plan.kinds.hub)) return `the hub connection keeps no ${plan.kinds.hub.from}→${plan.kinds.hub.to} associations; left alone`;
  if (!app?.supports(plan.kinds.app)) return `the app connection keeps no ${plan.kinds.app.from}→${plan.kinds.app.to} associations; left alone`;
  return { hub, app };
}

/** True when the pass was asked to stop. */
export function stopping(ctx: AssociationContext): boolean {
  return ctx.signal?.aborted === true;
}
