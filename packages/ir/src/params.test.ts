import { describe, expect, it } from 'vitest';
import {
  buildParamsSchema,
  checkParams,
  columnsParam,
  defaultsOf,
  enumParam,
  integerParam,
  numberParam,
  textParam,
} from './params';

const fields = [
  numberParam('rate', 'Rate', 0.3, { min: 0.05, max: 0.9 }),
  integerParam('bins', 'Bins', 10, { min: 2, max: 50 }),
  enumParam('mode', 'Mode', ['a', 'b'], 'a'),
  textParam('slug', 'Slug', 'string', { required: true, pattern: '^[a-z]+$' }),
  columnsParam('columns', 'Columns'),
] as const;
const schema = buildParamsSchema(fields);
const names = fields.map((f) => f.name);

describe('params built from fields', () => {
  it('fills defaults for absent keys', () => {
    expect(schema.parse({ slug: 'x' })).toEqual({ rate: 0.3, bins: 10, mode: 'a', slug: 'x', columns: [] });
  });

  it('names the field and the bound it broke', () => {
    const r = checkParams(schema, { rate: 1.2, bins: 3.5, slug: 'x' }, names);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ name: 'rate', message: 'param rate must be at most 0.9 (got 1.2)' });
    expect(r.problems).toContainEqual({
      name: 'bins',
      message: 'param bins must be a whole number (got 3.5)',
    });
  });

  it('rejects unknown keys, bad enums, empty required text and pattern mismatches', () => {
    const r = checkParams(schema, { mode: 'c', slug: '', typo: 1 }, names);
    if (r.ok) throw new Error('expected problems');
    const byName = Object.fromEntries(r.problems.map((p) => [p.name, p.message]));
    expect(byName.typo).toMatch(/^unknown param "typo"; remove it/);
    expect(byName.mode).toMatch(/mode must be one of a, b/);
    expect(byName.slug).toMatch(/slug is required: enter a value/);
    const bad = checkParams(schema, { slug: 'A1' }, names);
    expect(bad.ok).toBe(false);
  });

  it('rejects a missing required text value even though it has a default', () => {
    expect(checkParams(schema, {}, names).ok).toBe(false);
  });

  it('gives fresh default arrays', () => {
    const a = defaultsOf(fields);
    const b = defaultsOf(fields);
    expect(a.columns).toEqual([]);
    expect(a.columns).not.toBe(b.columns);
    expect(a.columns).not.toBe(fields[4].default);
  });
});
