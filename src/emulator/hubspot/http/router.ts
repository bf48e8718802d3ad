// Matches a method and path against the route table. Literal segments win over parameters, so
// `/crm/v3/objects/contacts/search` is never read as "the contact with id search".
import type { Route } from './types.js';

/** A matched route with its path parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The outcome of matching: a route, a path that exists for other methods, or nothing. */
export type MatchResult = { kind: 'found'; match: RouteMatch } | { kind: 'method_not_allowed'; allowed: string[] } | { kind: 'not_found' };

/** Builds a matcher over `routes`. */
export function createRouter(routes: readonly Route[]): (method: string, path: string) => MatchResult {
  const compiled = routes
    .map((route) => ({ route, segments: route.path.split('/').filter(Boolean) }))
    .sort((a, b) => specificity(b.segments) - specificity(a.segments));
  return (method, path) => {
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return { kind: 'not_found' };
    }
    const allowed: string[] = [];
    for (const { route, segments: pattern } of compiled) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', match: { route, params } };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  };
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] as string;
    const s = segments[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return undefined;
  }
  return params;
}

/** More literal segments first, earlier literals weigh more. */
function specificity(segments: string[]): number {
  return segments.reduce((score, s, i) => score + (s.startsWith(':') ? 0 : 2 ** (20 - i)), 0);
}
