// A push endpoint handler turns one app's change notification into (object, ids) changes.
// Apps notify in their own formats: one handler per connector kind (see ./index.ts).
import type { IncomingHttpHeaders } from 'node:http';
import type { Connection } from '../../config/model.js';

/** Records that changed at the app: `object` is that app's own object name. */
export interface HookChange {
  object: string;
  ids: readonly string[];
}

/** One request to POST /hooks/<connection>. */
export interface HookRequest {
  connection: Connection;
  headers: IncomingHttpHeaders;
  /** The raw body (at most the endpoint's limit), for handlers that verify signatures over it. */
  body: Buffer;
  /** Path and query as received. */
  url: string;
  /** Resolves `${env:X}` references (e.g. a webhook signing secret); never log what it returns. */
  env: Record<string, string | undefined>;
}

/** A refusal, answered as JSON `{ error: { code, message, hint } }` with `status`. */
export interface HookRefusal {
  ok: false;
  status: 400 | 401 | 403 | 415 | 422;
  code: string;
  message: string;
  hint?: string;
  /** Validation details, e.g. one line per schema error. */
  details?: readonly string[];
}

export type HookParseResult =
  | {
      ok: true;
      changes: HookChange[];
      /** The app sends every subscribed event (HubSpot): objects no sync uses are skipped, not refused. */
      ignoreUnknownObjects?: boolean;
    }
  | HookRefusal;

/** Parses (and, where the app signs its calls, verifies) one connector kind's notifications. */
export interface HookHandler {
  /** The connector kind it serves (e.g. `sqlite`), or `*` for the generic JSON format. */
  readonly connector: string;
  parse(request: HookRequest): HookParseResult | Promise<HookParseResult>;
}
