// HubSpot's webhook request signature v3: base64 of HMAC-SHA256, keyed with the app's client
// secret, over method + URI + body + timestamp. The emulator signs with these functions and
// the runner's push endpoint verifies with them, so both sides are the same code.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the v3 signature. */
export const SIGNATURE_V3_HEADER = 'X-HubSpot-Signature-v3';
/** Header carrying the signing time in epoch milliseconds. */
export const REQUEST_TIMESTAMP_HEADER = 'X-HubSpot-Request-Timestamp';
/** HubSpot rejects (and asks receivers to reject) signatures older than five minutes. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

/** What a v3 signature covers. */
export interface SignatureV3Input {
  /** The app's client secret (the emulator's --webhook-secret). */
  secret: string;
  /** The HTTP method, e.g. POST. */
  method: string;
  /** The full request URI as the sender addressed it: scheme, host, path and query. */
  uri: string;
  /** The raw request body, exactly as sent. */
  body: string;
  /** X-HubSpot-Request-Timestamp. */
  timestamp: string | number;
}

// HubSpot decodes these percent-escapes in the URI before signing.
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** The URI in the form HubSpot signs (the listed percent-escapes decoded). */
export function signatureUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

/** The X-HubSpot-Signature-v3 value for a request. */
export function signV3(input: SignatureV3Input): string {
  const source = `${input.method.toUpperCase()}${signatureUri(input.uri)}${input.body}${String(input.timestamp)}`;
  return createHmac('sha256', input.secret).update(source, 'utf8').digest('base64');
}

/** Why a signature was refused. */
export type SignatureRejection = 'missing_signature' | 'missing_timestamp' | 'invalid_timestamp' | 'stale_timestamp' | 'bad_signature';

/** The outcome of a verification. */
export type VerifyV3Result = { ok: true } | { ok: false; reason: SignatureRejection };

/** A received request to verify. */
export interface VerifyV3Input extends Omit<SignatureV3Input, 'timestamp'> {
  timestamp: string | number | undefined;
  signature: string | undefined;
  /** The receiver's clock (epoch ms); defaults to Date.now(). */
  now?: number;
  /** Largest accepted distance between the timestamp and `now`. */
  maxAgeMs?: number;
}

/**
 * Verifies a v3 signature: the timestamp must be within five minutes of `now` (either way, so a
 * captured request cannot be replayed later) and the signature must match, compared in constant time.
 */
export function verifyV3(input: VerifyV3Input): VerifyV3Result {
  if (!input.signature) return { ok: false, reason: 'missing_signature' };
  if (input.timestamp === undefined || input.timestamp === '') return { ok: false, reason: 'missing_timestamp' };
  const ts = Number(input.timestamp);
  if (!Number.isSafeInteger(ts)) return { ok: false, reason: 'invalid_timestamp' };
  const now = input.now ?? Date.now();
  if (Math.abs(now - ts) > (input.maxAgeMs ?? MAX_SIGNATURE_AGE_MS)) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(signV3({ ...input, timestamp: input.timestamp }), 'utf8');
  const given = Buffer.from(input.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
