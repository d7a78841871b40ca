import { describe, expect, it } from 'vitest';
import { countCsvRows, foldBatchEvent, resultsCsv, startBatch } from './batch-results';

describe('foldBatchEvent', () => {
  it('counts rows and refusals, takes the server total, and ends on done', () => {
    let s = startBatch(3);
    s = foldBatchEvent(s, { type: 'row', row: 1, probability: 0.2, score: 600, riskBand: 'D', reasons: [] });
    s = foldBatchEvent(s, { type: 'row', row: 0, fields: [{ field: 'age', problem: 'not_finite' }] });
    expect(s).toMatchObject({ done: 2, total: 3, failed: 1, finished: false });
    s = foldBatchEvent(s, { type: 'progress', done: 2, total: 4 });
    expect(s.total).toBe(4);
    s = foldBatchEvent(s, { type: 'something-new' });
    s = foldBatchEvent(s, { type: 'done', rows: 4, failed: 1 });
    expect(s).toMatchObject({ done: 4, total: 4, finished: true });
  });
});

describe('resultsCsv', () => {
  it('writes rows in input order, one-based, quoting what needs it', () => {
    const csv = resultsCsv([
      { row: 1, probability: 0.25, score: 610, riskBand: 'E', reasons: [{ code: 'R1' }, { code: 'R2' }] },
      { row: 0, fields: [{ field: 'a,b', problem: 'missing' }] },
    ]);
    expect(csv).toBe(
      'row,probability,score,risk_band,reason_codes,error\n1,,,,,"a,b: missing"\n2,0.25,610,E,R1 R2,\n',
    );
  });
});

describe('countCsvRows', () => {
  it('counts non-empty lines after the header', () => {
    expect(countCsvRows('a,b\n1,2\r\n3,4\n\n')).toBe(2);
    expect(countCsvRows('')).toBe(0);
  });
});
