import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/read-csv';
import { getColumn } from '../table';
import { cutoffFacts, outOfTimeSplit } from './out-of-time';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('outOfTimeSplit', () => {
  // 60 loans, one a month from 2015-01 to 2019-12, every fourth one bad.
  const dates = Array.from({ length: 60 }, (_, i) => Date.UTC(2015, i, 1));
  const y = dates.map((_, i) => (i % 4 === 0 ? 1 : 0));

  it('trains before the cut-off, validates after, and splits the earlier rows stratified', () => {
    const cut = day('2019-01-01');
    const s = outOfTimeSplit(dates, cut, y, { testFraction: 0.25, seed: 3, column: 'issued', isDate: true });
    expect(s.outOfTime.length).toBe(12);
    for (const i of s.outOfTime) expect(dates[i]).toBeGreaterThanOrEqual(cut);
    for (const i of [...s.train, ...s.test]) expect(dates[i]).toBeLessThan(cut);
    expect(s.train.length + s.test.length).toBe(48);
    expect(s.test.length).toBe(12);
    expect(new Set([...s.train, ...s.test, ...s.outOfTime]).size).toBe(60);
    // Same seed, same rows.
    expect(outOfTimeSplit(dates, cut, y, { testFraction: 0.25, seed: 3 })).toEqual(
      outOfTimeSplit(dates, cut, y, { testFraction: 0.25, seed: 3 }),
    );
  });

  it('names the column range when the cut-off leaves a side empty', () => {
    const opts = { testFraction: 0.25, column: 'issued', isDate: true };
    expect(() => outOfTimeSplit(dates, day('2021-01-01'), y, { ...opts, cutoffText: '2021-01-01' })).toThrow(
      expect.objectContaining({
        code: 'SPLIT_OOT_EMPTY_SIDE',
        message: expect.stringMatching(/on or after .*2021-01-01.*2015-01-01 to 2019-12-01/),
      }),
    );
    expect(() => outOfTimeSplit(dates, day('2014-01-01'), y, { ...opts, cutoffText: '2014-01-01' })).toThrow(
      expect.objectContaining({ code: 'SPLIT_OOT_EMPTY_SIDE', message: expect.stringMatching(/before/) }),
    );
    expect(() => outOfTimeSplit([...dates, NaN], day('2018-01-01'), [...y, 0], opts)).toThrow(
      expect.objectContaining({ code: 'SPLIT_TIME_MISSING', message: expect.stringContaining('"issued"') }),
    );
  });

  it('works on a parsed CSV date column', () => {
    const table = parseCsv(Buffer.from('d,y\n2018-01-05,0\n2018-06-01,1\n2019-02-01,0\n2019-03-01,1\n'));
    const col = getColumn(table, 'd');
    expect(col.type).toBe('date');
    expect(cutoffFacts(col.type === 'date' ? col.values : [], day('2019-01-01'))).toMatchObject({
      before: 2,
      after: 2,
      missing: 0,
      min: day('2018-01-05'),
    });
  });
});
