import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/config/model.js';
import { genericJsonHook, hookHandlerFor } from '../../src/runner/hooks/index.js';
import type { HookParseResult } from '../../src/runner/hooks/types.js';

const connection: Connection = { name: 'shop', connector: 'sqlite', options: { path: './shop.db' }, baseDir: '/tmp' };

function parse(body: string): HookParseResult {
  const result = genericJsonHook.parse({ connection, headers: {}, body: Buffer.from(body), url: '/hooks/shop', env: {} });
  if (result instanceof Promise) throw new Error('the generic handler answers synchronously');
  return result;
}

describe('the generic JSON push format', () => {
  it('takes one object with its ids, integers as strings', () => {
    expect(parse('{"object": "customers", "ids": ["a", 7]}')).toEqual({ ok: true, changes: [{ object: 'customers', ids: ['a', '7'] }] });
  });

  it('takes a batch of changes', () => {
    expect(parse('{"changes": [{"object": "customers", "ids": ["a"]}, {"object": "accounts", "ids": ["b"]}]}')).toEqual({
      ok: true,
      changes: [
        { object: 'customers', ids: ['a'] },
        { object: 'accounts', ids: ['b'] },
      ],
    });
  });

  it.each([
    ['not JSON', '{"object": ', 'invalid_json', /not valid JSON/],
    ['an array', '[1, 2]', 'invalid_body', /must be object/],
    ['no ids', '{"object": "customers"}', 'invalid_body', /needs "ids"/],
    ['empty ids', '{"object": "customers", "ids": []}', 'invalid_body', /\/ids must NOT have fewer than 1 items/],
    ['an id of the wrong type', '{"object": "customers", "ids": [true]}', 'invalid_body', /\/ids\/0/],
    ['an unknown property', '{"object": "customers", "ids": ["a"], "extra": 1}', 'invalid_body', /unknown property "extra"/],
    ['an empty object name', '{"object": "", "ids": ["a"]}', 'invalid_body', /\/object/],
    ['a malformed batch entry', '{"changes": [{"object": "customers", "ids": "a"}]}', 'invalid_body', /\/changes\/0\/ids must be array/],
  ])('refuses %s with 400 and a message naming what is wrong', (_what, body, code, message) => {
    const result = parse(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
    expect(result.hint).toMatch(/"object"/);
  });

  it('serves SQLite connections and any connector without a handler of its own', () => {
    expect(hookHandlerFor('sqlite')).toBe(genericJsonHook);
    expect(hookHandlerFor('something-new')).toBe(genericJsonHook);
  });
});
