import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../csv/read-csv';
import { sharedDataset } from '../test-support/temp-csv';
import { profileTable } from './profile-table';
import type { CategoricalProfile, NumericProfile } from './profile-types';

describe('profileTable', () => {
  it('reproduces pandas describe() on German credit_amount, with target rates per bin and category', async () => {
    const table = await readCsv(sharedDataset('german_credit.csv'));
    const p = profileTable(table, 'creditability');
    expect(p.target).toEqual({ name: 'creditability', badRate: 0.3 });
    const amount = p.columns.find((c) => c.name === 'credit_amount') as NumericProfile;
    // Values from pandas 1.5 Series.describe(percentiles=[.01,.05,.25,.5,.75,.95,.99]).
    expect(amount).toMatchObject({ count: 1000, missingCount: 0, min: 250, max: 18424, distinctCount: 921 });
    expect(amount.mean).toBeCloseTo(3271.258, 9);
    expect(amount.std).toBeCloseTo(2822.73687596044, 9);
    expect(amount.quantiles).toEqual({
      p1: expect.closeTo(425.83, 9),
      p5: expect.closeTo(708.95, 9),
      p25: 1365.5,
      p50: 2319.5,
      p75: 3972.25,
      p95: expect.closeTo(9162.7, 9),
      p99: expect.closeTo(14180.39, 9),
    });
    expect(amount.histogram).toHaveLength(20);
    expect(amount.histogram.reduce((s, b) => s + b.count, 0)).toBe(1000);
    const overall = amount.histogram.reduce((s, b) => s + b.count * (b.badRate ?? 0), 0) / 1000;
    expect(overall).toBeCloseTo(0.3, 12);
    const purpose = p.columns.find((c) => c.name === 'purpose') as CategoricalProfile;
    expect(purpose.top.slice(0, 3).map((t) => [t.value, t.count])).toEqual([
      ['radio/television', 280],
      ['car (new)', 234],
      ['furniture/equipment', 181],
    ]);
    expect(purpose.top[1]!.badRate).toBeCloseTo(0.3803418803418803, 12);
    expect(p.warnings).toEqual([]);
  });

  it('profiles without a target (no bad rates) on the Taiwan data', async () => {
    const p = profileTable(await readCsv(sharedDataset('taiwan_default.csv')));
    const bill = p.columns.find((c) => c.name === 'BILL_AMT1') as NumericProfile;
    expect(bill.quantiles!.p1).toBe(-81);
    expect(bill.quantiles!.p99).toBeCloseTo(350110.68, 6);
    expect(bill.std).toBeCloseTo(73635.86057552874, 6);
    expect(bill.histogram[0]!.badRate).toBeUndefined();
    expect(p.target).toBeUndefined();
    // 30,000 distinct IDs are counted up to the cap and marked as a lower bound ("≥ 10,000").
    expect(p.columns[0]).toMatchObject({ name: 'ID', distinctCount: 10_000, distinctCapped: true });
    expect(p.columns.find((c) => c.name === 'SEX')).not.toHaveProperty('distinctCapped');
    expect(p.warnings.map((w) => [w.code, w.column])).toEqual([['COLUMN_ID_LIKE', 'ID']]);
  }, 30_000);

  it('warns about empty, constant, ID-like and leaking columns and a tiny class', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i % 2},,7,${i % 2 ? 'written off' : 'current'},${i}`,
    );
    const t = parseCsv(Buffer.from('y,empty,const,status,id\n' + rows.join('\n')));
    const p = profileTable(t, 'y');
    expect(p.warnings.map((w) => [w.code, w.column])).toEqual([
      ['COLUMN_ALL_MISSING', 'empty'],
      ['COLUMN_CONSTANT', 'const'],
      ['COLUMN_ID_LIKE', 'id'],
      ['TARGET_LEAKAGE', 'status'],
      ['TARGET_TINY_CLASS', 'y'],
    ]);
    expect(p.warnings[3]!.message).toContain('predicts "y" perfectly');
    const empty = p.columns[1] as NumericProfile;
    expect(empty).toMatchObject({
      count: 0,
      min: null,
      mean: null,
      std: null,
      quantiles: null,
      missingBadRate: 0.5,
    });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});
