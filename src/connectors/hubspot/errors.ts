// HubSpot's error answers mapped to syncctl's failure categories. HubSpot's own message and
// correlationId are kept in every failure: they are what HubSpot support asks for.
import { type FailureCategory, hintFor } from '../../errors/categories.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { redactSecrets } from '../../log/redact.js';

/** What syncctl keeps of a HubSpot error body. */
export interface HubspotErrorInfo {
  message: string;
  correlationId: string | undefined;
  /** HubSpot's category, e.g. VALIDATION_ERROR, INVALID_AUTHENTICATION, RATE_LIMITS. */
  category: string | undefined;
  /** Codes of the detailed errors, e.g. PROPERTY_DOESNT_EXIST, REQUIRED_PROPERTY_MISSING. */
  codes: string[];
  /** The 429 body's policyName: TEN_SECONDLY_ROLLING, DAILY or SECONDLY. */
  policyName: string | undefined;
}

/** One failed request or input, as a write result or a thrown error carries it. */
export interface HubspotFailure {
  category: FailureCategory;
  message: string;
  retryable: boolean;
  existingId?: string;
  status: number;
  correlationId?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads HubSpot's error body (`{ status: 'error', message, correlationId, category, errors, … }`), tolerating any shape. */
export function parseErrorBody(body: unknown, correlationIdHeader?: string | null): HubspotErrorInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const details = Array.isArray(b.errors) ? (b.errors as unknown[]) : [];
  const codes = details.flatMap((d) => {
    const code = text((d as { code?: unknown } | null)?.code);
    return code === undefined ? [] : [code];
  });
  // "Property values were not valid: [...]" lists its problems as JSON with an "error" code each.
  for (const m of (text(b.message) ?? '').matchAll(/"error":"([A-Z_]+)"/g)) if (m[1] && !codes.includes(m[1])) codes.push(m[1]);
  return {
    message: text(b.message) ?? (typeof body === 'string' && body !== '' ? body.slice(0, 500) : 'no message'),
    correlationId: text(b.correlationId) ?? text(correlationIdHeader ?? undefined),
    category: text(b.category),
    codes,
    policyName: text(b.policyName),
  };
}

const MISSING_REQUIRED = /REQUIRED_PROPERTY_MISSING|MISSING_REQUIRED/;

function categoryOf(status: number, info: HubspotErrorInfo): FailureCategory {
  if (status === 400) {
    const required = info.codes.some((c) => MISSING_REQUIRED.test(c)) || /\brequired\b.*\bmissing\b|\bmissing\b.*\brequired\b|\bis required\b/i.test(info.message);
    return required ? 'missing_required_field' : 'invalid_value';
  }
  if (status === 401) return 'auth_failed';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict_at_app';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'app_unavailable';
  return 'unknown';
}

/** Maps an error answer (status + body) to a failure category, keeping HubSpot's message and correlationId. */
export function failureFrom(status: number, info: HubspotErrorInfo): HubspotFailure {
  const category = categoryOf(status, info);
  const existing = category === 'conflict_at_app' ? /Existing ID:\s*(\d+)/i.exec(info.message)?.[1] : undefined;
  const label = info.category ? `${status} ${info.category}` : String(status);
  const where = info.correlationId ? ` (correlationId ${info.correlationId})` : '';
  return {
    category,
    message: redactSecrets(`HubSpot ${label}: ${info.message}${where}`),
    retryable: category === 'rate_limited' || category === 'app_unavailable',
    ...(existing === undefined ? {} : { existingId: existing }),
    status,
    ...(info.correlationId === undefined ? {} : { correlationId: info.correlationId }),
  };
}

/**
 * A failure as the error a connector method throws; `code` is the failure category, and the
 * message names it in words ("describe contacts failed (auth failed): HubSpot 401 …"), since
 * it is what a sync's status shows when the error stops the sync.
 */
export function failureError(failure: HubspotFailure, connection: string, action: string): SyncctlError {
  const label = failure.category.replaceAll('_', ' ');
  return new SyncctlError(failure.category, `connection "${connection}": ${action} failed (${label}): ${failure.message}`, {
    hint: hintFor(failure.category),
    meta: {
      connection,
      category: failure.category,
      retryable: failure.retryable,
      status: failure.status,
      ...(failure.correlationId === undefined ? {} : { correlationId: failure.correlationId }),
    },
  });
}

/** The failure a thrown error stands for, when it is one of ours (retries ran out, auth, rate limits). */
export function failureOfError(err: unknown): HubspotFailure | undefined {
  if (!(err instanceof SyncctlError)) return undefined;
  const category = err.meta.category;
  if (typeof category !== 'string') return undefined;
  return {
    category: category as FailureCategory,
    message: err.message,
    retryable: err.meta.retryable === true,
    status: typeof err.meta.status === 'number' ? err.meta.status : 0,
  };
}
