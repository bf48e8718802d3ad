// The values of the benchmark data: a fast seeded PRNG, Faker-built pools (made once), and the
// people, companies and variants combined from them. bench/data.mjs writes them to SQLite.

const BASE_TIME = Date.UTC(2024, 0, 15, 9, 0, 0);
const SPAN_MS = 90 * 24 * 3600 * 1000;

/** mulberry32: tiny, fast and good enough to pick pool entries and coin flips. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stateless hash of (entity, salt): the same person gets the same base values on both sides. */
export function hash32(n, salt) {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Lower-case letters and digits only (for emails and domains). */
export function slug(text) {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '');
}

/** Up to `count` distinct values of `make()`. */
export function unique(make, count) {
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 20; tries++) out.add(make());
  return [...out];
}

/** Faker-built pools, made once per seed. */
export async function buildPools(seed) {
  // Imported here, not at the top: loading Faker costs ~60 MB of RSS, which a benchmark case
  // that only reads a cached dataset must not carry.
  const { Faker, base, en } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return {
    first: unique(() => faker.person.firstName(), 1500).filter((s) => slug(s) !== ''),
    last: unique(() => faker.person.lastName(), 1500).filter((s) => slug(s) !== ''),
    mailDomains: unique(() => faker.internet.domainName(), 400),
    companies: unique(() => faker.company.name(), 3000),
    tlds: ['com', 'io', 'net', 'co', 'org', 'dev'],
    industries: unique(() => faker.commerce.department(), 40),
    stages: ['subscriber', 'lead', 'customer'],
  };
}

/** The entry of `list` that hash `h` points at. */
export function pick(list, h) {
  return list[h % list.length];
}

// A fixed pool of instants: formatting a Date per row costs more than the insert, and shared
// timestamps (about 8 rows each at 1M) are what a real table's updated_at looks like anyway.
let times;

/** An updated_at in the 90 days before 2024-01-15 09:00 UTC, as ISO-8601. */
export function isoAt(rand) {
  times ??= Array.from({ length: 1 << 17 }, (_, k) => new Date(BASE_TIME - Math.floor(prng(k + 1)() * SPAN_MS)).toISOString());
  return times[Math.floor(rand() * times.length)];
}

/** A text id for app row `i`: unique by its suffix; the random prefix keeps key order unrelated to insertion order. */
export function appId(rand, i) {
  return `${Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0')}-${i.toString(16)}`;
}

/** Person `p`'s names, email and phone: the same on both sides. */
export function person(pools, p) {
  const first = pick(pools.first, hash32(p, 1));
  const last = pick(pools.last, hash32(p, 2));
  const email = `${slug(first)}.${slug(last)}.${p.toString(36)}@${pick(pools.mailDomains, hash32(p, 3))}`;
  const phone = `+1 ${200 + (hash32(p, 4) % 800)} ${String(hash32(p, 5) % 10_000_000).padStart(7, '0')}`;
  return { first, last, email, phone };
}

/** Company `c`'s name, domain and industry: the same on both sides. */
export function company(pools, c) {
  const base = pick(pools.companies, hash32(c, 11));
  const tag = c.toString(36);
  return { name: `${base} ${tag}`, domain: `${slug(base)}-${tag}.${pick(pools.tlds, hash32(c, 12))}`, industry: pick(pools.industries, hash32(c, 13)) };
}

/** The same email as another app would hold it: upper-cased or padded with spaces. */
export function variantEmail(email, rand) {
  return rand() < 0.5 ? email.toUpperCase() : `  ${email} `;
}

/** A domain as a website field holds it: with scheme and www., bare, or with a path. */
export function variantWebsite(domain, rand) {
  const r = rand();
  return r < 0.34 ? `https://www.${domain}/` : r < 0.67 ? domain : `http://${domain}/about`;
}

/** Fisher-Yates, in place, with the seeded PRNG. */
export function shuffle(array, rand) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
}

/** Entities on the app side: the matched hub entities plus as many app-only ones, shuffled. */
export function appEntities(count, matched, rand) {
  const list = new Int32Array(count);
  let n = 0;
  for (let e = 0; e < count && n < count; e++) if (matched[e] === 1) list[n++] = e;
  for (let extra = count; n < count; extra++) list[n++] = extra;
  shuffle(list, rand);
  return list;
}
