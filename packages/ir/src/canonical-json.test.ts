import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { StudioError } from './errors';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes numbers in their shortest stable form', () => {
    expect(canonicalJson([1.0, -0, 1e21, 0.1 + 0.2, 5e-7])).toBe('[1,0,1e+21,0.30000000000000004,5e-7]');
  });

  it('omits undefined object members and nulls undefined array items, like JSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('refuses values JSON cannot carry, with a coded user error', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const bad of [
      NaN,
      Infinity,
      1n,
      () => 1,
      new Date(0),
      new Map(),
      circular,
      { deep: [Symbol('s')] },
    ]) {
      expect(() => canonicalJson(bad)).toThrow(StudioError);
    }
  });

  it('allows the same object twice when it is not circular', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });

  it('round-trips through JSON.parse and ignores key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});
