import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import { booleanWordsTypes, checkRecord, deriveInputSchema, referenceRow } from './input-schema';

const csv = Buffer.from(
  'age,purpose,foreign,id,bad\n30,car,yes,1,0\n45,,no,2,1\n22,tv,yes,3,0\n51,car,yes,4,0\n',
);
const table = parseCsv(csv);
const words = parseCsv(csv, { types: booleanWordsTypes(table)! });
const fields = deriveInputSchema(table, 'bad', { used: new Set(['age', 'purpose', 'foreign']), words });

describe('input schema', () => {
  it('derives types from the dataset schema, the used columns, a typical value and the CSV boolean words', () => {
    expect(fields).toEqual([
      { name: 'age', type: 'numeric', nullable: false, min: 22, max: 51, used: true, reference: 30 },
      {
        name: 'purpose',
        type: 'categorical',
        nullable: true,
        categories: ['car', 'tv'],
        used: true,
        reference: 'car',
      },
      {
        name: 'foreign',
        type: 'boolean',
        nullable: false,
        used: true,
        words: { true: 'yes', false: 'no' },
        reference: true,
      },
      { name: 'id', type: 'numeric', nullable: false, min: 1, max: 4, used: false, reference: 2 },
    ]);
    expect(referenceRow(fields)).toEqual({ age: 30, purpose: 'car', foreign: 1 });
  });

  it('takes a training-CSV row as its file writes it: strings, boolean words, the target and unused columns', () => {
    expect(
      checkRecord(fields, { age: '45', purpose: '', foreign: 'no', id: 'x17', bad: '1', note: 'hi' }),
    ).toEqual({ ok: true, row: { age: 45, purpose: null, foreign: 0 }, warnings: [] });
    expect(checkRecord(fields, { age: 50, purpose: null, foreign: true })).toEqual({
      ok: true,
      row: { age: 50, purpose: null, foreign: 1 },
      warnings: [],
    });
    expect(checkRecord(fields, { age: ' 1e2 ', purpose: 'tv', foreign: 'True' })).toMatchObject({
      row: { age: 100, foreign: 1 },
    });
  });

  it('scores an unseen category as missing with a warning, unless strict', () => {
    expect(checkRecord(fields, { age: 30, purpose: 'boat', foreign: 'yes' }, '[1].')).toEqual({
      ok: true,
      row: { age: 30, purpose: 'boat', foreign: 1 },
      warnings: [
        {
          field: '[1].purpose',
          code: 'UNSEEN_CATEGORY',
          message: '"boat" was not seen in training for "purpose"; it was scored like a missing value.',
        },
      ],
    });
    expect(checkRecord(fields, { age: 30, purpose: 'boat', foreign: true }, '', { strict: true })).toEqual({
      ok: false,
      problems: [{ field: 'purpose', problem: 'unknown_category' }],
    });
  });

  it('strict refuses the leniencies: text numbers, boolean words, missing markers, fields outside the schema', () => {
    expect(
      checkRecord(fields, { age: '30', purpose: '', foreign: 'yes', color: 'red' }, '', { strict: true }),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'age', problem: 'wrong_type' },
        { field: 'purpose', problem: 'unknown_category' },
        { field: 'foreign', problem: 'wrong_type' },
        { field: 'color', problem: 'extra' },
      ],
    });
    // Unused columns stay optional in strict mode too; JSON types pass.
    expect(checkRecord(fields, { age: 30, purpose: 'car', foreign: false }, '', { strict: true })).toEqual({
      ok: true,
      row: { age: 30, purpose: 'car', foreign: 0 },
      warnings: [],
    });
  });

  it('names every wrong field with its problem in both modes', () => {
    expect(checkRecord(fields, { age: 'thirty', foreign: 'maybe' })).toEqual({
      ok: false,
      problems: [
        { field: 'age', problem: 'wrong_type' },
        { field: 'purpose', problem: 'missing' },
        { field: 'foreign', problem: 'wrong_type' },
      ],
    });
    expect(checkRecord(fields, { age: Infinity, purpose: 'car', foreign: 1 }, '[2].')).toEqual({
      ok: false,
      problems: [{ field: '[2].age', problem: 'not_finite' }],
    });
    expect(checkRecord(fields, { age: 'NA', purpose: 'car', foreign: 1 })).toMatchObject({
      problems: [{ field: 'age', problem: 'not_nullable' }],
    });
    expect(checkRecord(fields, [1, 2])).toMatchObject({ problems: [{ problem: 'wrong_type' }] });
  });

  it('without a list of used columns every column is required, as before', () => {
    const all = deriveInputSchema(table, 'bad');
    expect(all.every((f) => f.used)).toBe(true);
    expect(all.find((f) => f.name === 'foreign')!.words).toBeUndefined();
    expect(checkRecord(all, { age: 30, purpose: 'car', foreign: 'yes' })).toMatchObject({
      problems: [{ field: 'id', problem: 'missing' }],
    });
  });
});
