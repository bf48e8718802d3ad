// What a route handler sees of a request and what it answers.

/** A parsed API request. */
export interface ApiRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The route template, e.g. `/crm/v3/objects/:objectType/search`. */
  route: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  /** The bearer token (empty for the emulator's own routes). */
  token: string;
  /** The emulator's own URL, for paging links. */
  baseUrl: string;
}

/** A handler's answer; `body` undefined means no content. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Which rate limit a route counts against. */
export type RouteLimit = 'standard' | 'search' | 'none';

/** A route: a method and a path template with `:param` segments. */
export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  limit: RouteLimit;
  /** Routes of the emulator itself (`/_emulator/…`) need no token. */
  open?: boolean;
  handler: (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;
}
