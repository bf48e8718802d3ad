// HubSpot's error responses as data. Handlers throw HubspotApiError; the server turns it into
// the JSON body HubSpot sends: { status: 'error', message, correlationId, category, ... }.

/** One entry of an error's `errors` array (HubSpot's ErrorDetail). */
export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

/** Optional parts of a HubSpot error body. */
export interface ErrorExtras {
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  /** Fields outside the common shape (the 429 body's policyName and errorType). */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

/** The JSON body of a HubSpot error response. */
export interface HubspotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  [extra: string]: unknown;
}

/** An HTTP error answered with HubSpot's error body. */
export class HubspotApiError extends Error {
  readonly status: number;
  readonly category: string;
  readonly extras: ErrorExtras;

  constructor(status: number, category: string, message: string, extras: ErrorExtras = {}) {
    super(message);
    this.name = 'HubspotApiError';
    this.status = status;
    this.category = category;
    this.extras = extras;
  }

  /** The response body, stamped with this request's correlation id. */
  body(correlationId: string): HubspotErrorBody {
    const { subCategory, errors, context, links, fields } = this.extras;
    return {
      status: 'error',
      message: this.message,
      correlationId,
      category: this.category,
      ...(subCategory === undefined ? {} : { subCategory }),
      ...(errors === undefined ? {} : { errors }),
      ...(context === undefined ? {} : { context }),
      ...(links === undefined ? {} : { links }),
      ...fields,
    };
  }
}

/** 400 VALIDATION_ERROR with a message that says what is wrong and where. */
export function validationError(message: string, errors?: ErrorDetail[]): HubspotApiError {
  return new HubspotApiError(400, 'VALIDATION_ERROR', message, errors === undefined ? {} : { errors });
}

/** 404 OBJECT_NOT_FOUND, HubSpot's answer for a missing record or property. */
export function notFound(message = 'resource not found', context?: Record<string, string[]>): HubspotApiError {
  return new HubspotApiError(404, 'OBJECT_NOT_FOUND', message, context === undefined ? {} : { context });
}

/** One invalid property value, as HubSpot lists them in "Property values were not valid". */
export interface PropertyProblem {
  name: string;
  /** HubSpot's code: PROPERTY_DOESNT_EXIST, INVALID_OPTION, INVALID_EMAIL, READ_ONLY_VALUE, … */
  error: string;
  message: string;
}

/** 400 VALIDATION_ERROR for invalid property values, in HubSpot's message format plus `errors[]`. */
export function propertyValuesError(problems: PropertyProblem[]): HubspotApiError {
  const listed = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.error,
    name: p.name,
    localizedErrorMessage: p.message,
  }));
  return validationError(
    `Property values were not valid: ${JSON.stringify(listed)}`,
    problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
  );
}

/** 401 INVALID_AUTHENTICATION. */
export function authenticationError(): HubspotApiError {
  return new HubspotApiError(
    401,
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
  );
}

/** 409 CONFLICT for a contact whose email another contact already has. */
export function contactExists(existingId: string): HubspotApiError {
  return new HubspotApiError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existingId}`);
}

/** The rate-limit policies HubSpot names in a 429 body. */
export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const POLICY_MESSAGE: Record<RatePolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
};

/** 429 with HubSpot's rate-limit body (errorType RATE_LIMIT, policyName). */
export function rateLimitError(policy: RatePolicy, headers: Record<string, string> = {}): HubspotApiError {
  return new HubspotApiError(429, 'RATE_LIMITS', POLICY_MESSAGE[policy], {
    fields: { errorType: 'RATE_LIMIT', policyName: policy },
    headers,
  });
}

/** A 5xx as HubSpot sends it when something failed on its side. */
export function serverError(status: number, headers: Record<string, string> = {}): HubspotApiError {
  const message = status === 500 ? 'internal error' : `The service is temporarily unavailable (HTTP ${status}); try again.`;
  return new HubspotApiError(status, status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE', message, { headers });
}
