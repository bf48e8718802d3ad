// Identifier normalisation, value conversion and filters: pure functions, no I/O.
import { describe, expect, it } from 'vitest';
import { matchesFilters } from '../../src/engine/filters.js';
import { identifierOf, isValidEmail, matchKindOf, normalizeCompanyName, normalizeDomain } from '../../src/engine/identifiers.js';
import { canonical, coerce, compatible, valuesHash } from '../../src/engine/values.js';

describe('identifiers', () => {
  it('infers the match kind from the hub property name', () => {
    expect(['email', 'work_email', 'domain', 'website', 'company_domain', 'name', 'phone'].map(matchKindOf)).toEqual([
      'email', 'email', 'domain', 'domain', 'domain', 'name', 'exact',
    ]);
  });

  it('normalises emails by case and whitespace, and rejects placeholders', () => {
    expect(identifierOf('email', '  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
    expect(['n/a', 'none', 'a@b', '@x.com', 'a b@x.com', ''].map((v) => identifierOf('email', v))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(isValidEmail('x@y.co')).toBe(true);
  });

  it('normalises domains: scheme, credentials, www., port, path and trailing dot removed', () => {
    for (const d of ['https://www.Acme.com/about?x=1', 'http://user@acme.com:8080', 'acme.com.', 'WWW.acme.com', '//acme.com/#top']) {
      expect(normalizeDomain(d)).toBe('acme.com');
    }
    expect(normalizeDomain('shop.acme.co.uk')).toBe('shop.acme.co.uk');
  });

  it('normalises company names: case, punctuation, accents, whitespace and legal suffixes', () => {
    expect(normalizeCompanyName('  Acme,   Inc. ')).toBe('acme');
    expect(normalizeCompanyName('ACME inc')).toBe('acme');
    expect(normalizeCompanyName('Müller GmbH & Co. KG')).toBe('muller');
    expect(normalizeCompanyName("O'Neil Holdings Ltd")).toBe('oneil holdings');
    expect(normalizeCompanyName('Limited')).toBe('limited');
    expect(identifierOf('name', '  ...  ')).toBeUndefined();
  });
});

describe('values', () => {
  it('converts values a target type can hold and refuses the rest', () => {
    expect(coerce('42', { type: 'number' })).toEqual({ ok: true, value: 42 });
    expect(coerce('forty', { type: 'number' }).ok).toBe(false);
    expect(coerce(7, { type: 'string' })).toEqual({ ok: true, value: '7' });
    expect(coerce('YES', { type: 'boolean' })).toEqual({ ok: true, value: true });
    expect(coerce('2024-02-30', { type: 'date' }).ok).toBe(false);
    expect(coerce('2024-03-01T10:00:00+02:00', { type: 'date' })).toEqual({ ok: true, value: '2024-03-01' });
    expect(coerce('2024-03-01', { type: 'datetime' })).toEqual({ ok: true, value: '2024-03-01T00:00:00.000Z' });
    expect(coerce('gold', { type: 'enum', options: ['Gold', 'Silver'] })).toEqual({ ok: true, value: 'Gold' });
    expect(coerce('bronze', { type: 'enum', options: ['Gold', 'Silver'] }).ok).toBe(false);
    expect(coerce('   ', { type: 'number' })).toEqual({ ok: true, value: null });
  });

  it('keeps a value its own field cannot hold, so it never compares equal by accident', () => {
    expect(canonical('abc', { type: 'number' })).toBe('abc');
    expect(canonical('2024-01-01T00:00:00Z', { type: 'datetime' })).toBe('2024-01-01T00:00:00.000Z');
  });

  it('decides type compatibility of mappings', () => {
    expect(compatible('number', 'string')).toBe(true);
    expect(compatible('string', 'number')).toBe(true);
    expect(compatible('enum', 'string')).toBe(true);
    expect(compatible('date', 'datetime')).toBe(true);
    expect(compatible('boolean', 'number')).toBe(true);
    expect(compatible('number', 'date')).toBe(false);
    expect(compatible('boolean', 'datetime')).toBe(false);
    expect(compatible('enum', 'number')).toBe(false);
  });

  it('hashes values independently of key order and distinguishes types', () => {
    expect(valuesHash({ a: '1', b: 2 })).toBe(valuesHash({ b: 2, a: '1' }));
    expect(valuesHash({ a: '1' })).not.toBe(valuesHash({ a: 1 }));
    expect(valuesHash({ a: '1', b: null })).toBe(valuesHash({ a: '1' }));
  });
});

describe('filters', () => {
  const rec = { stage: 'Customer', score: '42', since: '2023-05-01', vip: true, tags: null };

  it('evaluates every operator, text case-insensitively', () => {
    const cases: [Parameters<typeof matchesFilters>[1][number], boolean][] = [
      [{ property: 'stage', op: 'eq', value: 'customer' }, true],
      [{ property: 'stage', op: 'neq', value: 'lead' }, true],
      [{ property: 'stage', op: 'in', value: ['lead', 'CUSTOMER'] }, true],
      [{ property: 'stage', op: 'not_in', value: ['customer'] }, false],
      [{ property: 'stage', op: 'contains', value: 'stom' }, true],
      [{ property: 'score', op: 'gt', value: 9 }, true],
      [{ property: 'score', op: 'lte', value: 41 }, false],
      [{ property: 'since', op: 'gte', value: '2023-01-01' }, true],
      [{ property: 'since', op: 'lt', value: '2023-01-01' }, false],
      [{ property: 'vip', op: 'eq', value: true }, true],
      [{ property: 'tags', op: 'exists' }, false],
      [{ property: 'tags', op: 'not_exists' }, true],
      [{ property: 'missing', op: 'eq', value: 'x' }, false],
    ];
    for (const [condition, expected] of cases) expect([condition, matchesFilters(rec, [condition])]).toEqual([condition, expected]);
  });

  it('ANDs conditions; no conditions match everything', () => {
    expect(matchesFilters(rec, [])).toBe(true);
    expect(matchesFilters(rec, [{ property: 'stage', op: 'eq', value: 'customer' }, { property: 'score', op: 'lt', value: 10 }])).toBe(false);
  });
});
