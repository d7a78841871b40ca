import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import { csvRecords, missingColumns } from './csv-records';
import { checkRecord } from './input-schema';

const fields = [
  { name: 'age', type: 'numeric' as const, nullable: false },
  { name: 'grade', type: 'categorical' as const, nullable: false, categories: ['1', '2'] },
];

describe('csv records', () => {
  it('gives fields their JSON types back and refuses only the row with a bad number', () => {
    const table = parseCsv(Buffer.from('id,age,grade\na,30,1\nb,lots,2\nc,41,2\n'));
    const records = [...csvRecords(fields, table)].map(([, r]) => r);
    expect(records).toEqual([
      { age: 30, grade: '1' },
      { age: 'lots', grade: '2' },
      { age: 41, grade: '2' },
    ]);
    expect(records.map((r) => checkRecord(fields, r).ok)).toEqual([true, false, true]);
  });

  it('names schema fields the file lacks', () => {
    expect(missingColumns(fields, parseCsv(Buffer.from('age\n1\n')))).toEqual(['grade']);
  });
});
