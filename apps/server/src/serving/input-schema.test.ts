import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import { checkRecord, deriveInputSchema } from './input-schema';

const table = parseCsv(Buffer.from('age,purpose,bad\n30,car,0\n45,,1\n22,tv,0\n'));
const fields = deriveInputSchema(table, 'bad');

describe('input schema', () => {
  it('derives names, types, categories, ranges and nullability from the training table, without the target', () => {
    expect(fields).toEqual([
      { name: 'age', type: 'numeric', nullable: false, min: 22, max: 45 },
      { name: 'purpose', type: 'categorical', nullable: true, categories: ['car', 'tv'] },
    ]);
  });

  it('accepts a well-formed record and null where training had missing values', () => {
    expect(checkRecord(fields, { age: 50, purpose: null })).toEqual({
      ok: true,
      row: { age: 50, purpose: null },
    });
  });

  it('names every wrong field with its problem', () => {
    expect(checkRecord(fields, { age: '30', color: 'red' })).toEqual({
      ok: false,
      problems: [
        { field: 'age', problem: 'wrong_type' },
        { field: 'purpose', problem: 'missing' },
        { field: 'color', problem: 'extra' },
      ],
    });
    expect(checkRecord(fields, { age: Infinity, purpose: 'boat' }, '[2].')).toEqual({
      ok: false,
      problems: [
        { field: '[2].age', problem: 'not_finite' },
        { field: '[2].purpose', problem: 'unknown_category' },
      ],
    });
    expect(checkRecord(fields, { age: null, purpose: 'car' })).toMatchObject({
      problems: [{ field: 'age', problem: 'not_nullable' }],
    });
    expect(checkRecord(fields, [1, 2])).toMatchObject({ problems: [{ problem: 'wrong_type' }] });
  });
});
