// The connection's options as the HubSpot connector needs them, and the request budgets of each
// account tier. The config loader validates options against the schema first; this check is
// for callers that build connectors directly, so a wrong shape is a clear error naming the option.
import type { HubspotConnectionOptions } from '../../config/types.generated.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { registerSecret } from '../../log/redact.js';

/** HubSpot's API host. */
export const DEFAULT_BASE_URL = 'https://api.hubapi.com';

/** The account tiers a connection may name. */
export type HubspotTier = NonNullable<HubspotConnectionOptions['tier']>;

/** A request budget: a rolling window, a daily budget and search's own window. */
export interface RateLimits {
  /** Requests per rolling window (HubSpot's TEN_SECONDLY_ROLLING policy). */
  windowMax: number;
  windowMs: number;
  /** Requests per day (HubSpot's DAILY policy). */
  daily: number;
  /** Search requests per second (HubSpot's SECONDLY policy on /search). */
  searchMax: number;
  searchWindowMs: number;
}

/**
 * HubSpot's published limits for private apps (developers.hubspot.com, "API usage guidelines"):
 * Free and Starter ("standard") 100 requests per 10 s and 250,000 per day; Professional 190 per
 * 10 s and 625,000 per day; Enterprise 190 per 10 s and 1,000,000 per day; search 5 per second
 * on every tier. The response headers override the window when the account has another one.
 */
export const TIER_LIMITS: Readonly<Record<HubspotTier, RateLimits>> = {
  standard: { windowMax: 100, windowMs: 10_000, daily: 250_000, searchMax: 5, searchWindowMs: 1_000 },
  professional: { windowMax: 190, windowMs: 10_000, daily: 625_000, searchMax: 5, searchWindowMs: 1_000 },
  enterprise: { windowMax: 190, windowMs: 10_000, daily: 1_000_000, searchMax: 5, searchWindowMs: 1_000 },
};

/** The tier assumed when a connection names none: the smallest budget, raised by the response headers. */
export const DEFAULT_TIER: HubspotTier = 'standard';

/** Checked options, with defaults filled in. */
export interface ParsedHubspotOptions {
  token: string;
  baseUrl: string;
  tier: HubspotTier;
  webhookSecret: string | undefined;
}

const TIERS = Object.keys(TIER_LIMITS) as HubspotTier[];

function invalid(connection: string, option: string, expected: string): SyncctlError {
  return new SyncctlError('hubspot_invalid_options', `connection "${connection}": option ${option} must be ${expected}.`, {
    hint: 'See the HubspotOptions definition in schema/syncctl.schema.json.',
    meta: { connection, option },
  });
}

function baseUrlOf(connection: string, raw: unknown): string {
  if (raw === undefined) return DEFAULT_BASE_URL;
  const expected = 'an http(s) URL such as https://api.hubapi.com or http://127.0.0.1:4010';
  if (typeof raw !== 'string') throw invalid(connection, 'baseUrl', expected);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(connection, 'baseUrl', expected);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(connection, 'baseUrl', expected);
  return raw.replace(/\/+$/, '');
}

/**
 * Checks and copies the HubSpot connection options; throws `hubspot_invalid_options` naming the
 * bad one. The token and webhook secret are registered so that they are scrubbed from all output.
 */
export function parseHubspotOptions(connection: string, raw: Readonly<Record<string, unknown>>): ParsedHubspotOptions {
  const token = raw.token;
  if (typeof token !== 'string' || token.trim() === '') {
    throw invalid(connection, 'token', 'a private-app access token, given as ${env:NAME}');
  }
  registerSecret(token);
  const webhookSecret = raw.webhookSecret;
  if (webhookSecret !== undefined && (typeof webhookSecret !== 'string' || webhookSecret === '')) {
    throw invalid(connection, 'webhookSecret', "the app's client secret, given as ${env:NAME}");
  }
  if (typeof webhookSecret === 'string') registerSecret(webhookSecret);
  const tier = raw.tier ?? DEFAULT_TIER;
  if (typeof tier !== 'string' || !TIERS.includes(tier as HubspotTier)) throw invalid(connection, 'tier', `one of ${TIERS.join(', ')}`);
  return { token: token.trim(), baseUrl: baseUrlOf(connection, raw.baseUrl), tier: tier as HubspotTier, webhookSecret };
}
