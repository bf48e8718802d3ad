// Matching identifiers: how a property value becomes the key that finds "the same record" in
// the other app. Two values identify the same record when their normalised forms are equal.
//
// The kind of a match property is inferred from its hub property name:
//   email, or any name containing "email"            -> email  (trimmed, lower-cased; must look valid)
//   domain, website, or any name containing "domain" -> domain (no scheme, www., port, path, trailing dot)
//   name, company, company_name, companyname         -> name   (company-name rules below)
//   anything else                                     -> exact  (trimmed only)

export type MatchKind = 'email' | 'domain' | 'name' | 'exact';

/** The normalisation a hub match property gets, from its name (see the table above). */
export function matchKindOf(hubProperty: string): MatchKind {
  const p = hubProperty.toLowerCase();
  if (p.includes('email')) return 'email';
  if (p === 'website' || p.includes('domain')) return 'domain';
  if (p === 'name' || p === 'company' || p === 'company_name' || p === 'companyname') return 'name';
  return 'exact';
}

// Deliberately simple: one @, no spaces, a dot in the domain part. Stricter checks reject real
// addresses; this one only keeps placeholders such as "n/a" or "none" from acting as identifiers.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

/** Lower-cased, trimmed email address. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** True when `value` looks like an email address (after normalisation). */
export function isValidEmail(value: string): boolean {
  return EMAIL.test(normalizeEmail(value));
}

/** A domain without scheme, credentials, `www.`, port, path, query or trailing dot, lower-cased. */
export function normalizeDomain(value: string): string {
  let d = value.trim().toLowerCase();
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  d = d.replace(/^\/\//, '');
  const end = d.search(/[/?#]/);
  if (end >= 0) d = d.slice(0, end);
  const at = d.lastIndexOf('@');
  if (at >= 0) d = d.slice(at + 1);
  d = d.replace(/:\d*$/, '');
  d = d.replace(/\.+$/, '');
  d = d.replace(/^www\d*\./, '');
  return d;
}

// Legal-form suffixes dropped from the end of company names ("Acme, Inc." = "ACME").
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'gmbh', 'mbh', 'ag', 'kg', 'ug', 'corp',
  'corporation', 'co', 'company', 'plc', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as',
  'aps', 'pty', 'pte', 'kk', 'se',
]);

/**
 * A company name for matching: accents folded, lower-cased, punctuation dropped, whitespace
 * collapsed, trailing legal suffixes (inc, llc, gmbh, …) removed while another word remains.
 */
export function normalizeCompanyName(value: string): string {
  const folded = value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  // Dots and apostrophes join ("A.C.M.E.", "O'Neil"); other punctuation separates words.
  const words = folded
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/**
 * The identifier a value gives under `kind`, or undefined when it gives none (empty, or an
 * email that does not look like one).
 */
export function identifierOf(kind: MatchKind, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === 'string' ? value : String(value);
  let out: string;
  switch (kind) {
    case 'email':
      if (!isValidEmail(text)) return undefined;
      out = normalizeEmail(text);
      break;
    case 'domain':
      out = normalizeDomain(text);
      break;
    case 'name':
      out = normalizeCompanyName(text);
      break;
    case 'exact':
      out = text.trim();
      break;
  }
  return out.length > 0 ? out : undefined;
}
