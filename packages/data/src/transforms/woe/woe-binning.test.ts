import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../../csv/read-csv';
import type { NumericColumn } from '../../table';
import { sharedDataset } from '../../test-support/temp-csv';
import { selectFeatures } from '../feature-selection';
import { applyWoe, fitWoe, informationValues, woeBinsOfRow, type WoeNumericColumn } from './woe-binning';

describe('WOE binning on German credit', () => {
  it('ranks characteristics by IV as the literature does (checking account strongest, about 0.66)', async () => {
    const t = await readCsv(sharedDataset('german_credit.csv'));
    const f = fitWoe(t, { target: 'creditability' });
    const ivs = informationValues(f);
    expect(ivs[0]!.name).toBe('status_of_existing_checking_account');
    expect(ivs[0]!.iv).toBeGreaterThan(0.6);
    expect(ivs[0]!.iv).toBeLessThan(0.7);
    expect(ivs.slice(1, 3).map((v) => v.name)).toEqual(['credit_history', 'duration_in_month']);
    expect(f.columns.map((c) => c.name)).not.toContain('creditability');
  });

  it('numeric bins: monotonic bad rate, at least 5% of rows each, at most maxBins, WOE = ln(%good/%bad)', async () => {
    const t = await readCsv(sharedDataset('german_credit.csv'));
    for (const monotonic of ['ascending', 'descending', 'auto'] as const) {
      const f = fitWoe(t, {
        target: 'creditability',
        columns: ['duration_in_month', 'credit_amount'],
        monotonic,
        maxBins: 5,
      });
      for (const col of f.columns as WoeNumericColumn[]) {
        const ranges = col.bins.slice(0, col.cuts.length + 1);
        expect(ranges.length).toBeLessThanOrEqual(5);
        expect(ranges.every((b) => b.count >= 50)).toBe(true);
        const r = ranges.map((b) => b.badRate);
        const dir =
          monotonic === 'descending'
            ? -1
            : monotonic === 'ascending'
              ? 1
              : Math.sign(r[r.length - 1]! - r[0]!);
        for (let i = 1; i < r.length; i++) expect(dir * (r[i]! - r[i - 1]!)).toBeGreaterThanOrEqual(0);
      }
    }
    const duration = fitWoe(t, { target: 'creditability', columns: ['duration_in_month'] }).columns[0]!;
    const G = duration.bins.reduce((s, b) => s + b.goods, 0);
    const B = duration.bins.reduce((s, b) => s + b.bads, 0);
    const k = duration.bins.filter((b) => b.count > 0).length;
    const b0 = duration.bins[0]!;
    expect(b0.woe).toBeCloseTo(
      Math.log((b0.goods + 0.5) / (G + 0.5 * k) / ((b0.bads + 0.5) / (B + 0.5 * k))),
      12,
    );
    expect(b0.badRate).toBeLessThan(0.3);
    expect(b0.woe).toBeGreaterThan(0);
  });

  it('keeps special values and missing in bins of their own, and text categories grouped by bad rate', () => {
    const rows: string[] = [];
    for (let i = 0; i < 400; i++) {
      const x = i % 10 === 0 ? '-1' : i % 13 === 0 ? '' : String(i);
      rows.push(`${x},${['a', 'b', 'c', 'd'][i % 4]},${i % 4 === 0 || (i > 300 && i % 3 === 0) ? 1 : 0}`);
    }
    const t = parseCsv(Buffer.from('x,c,y\n' + rows.join('\n')));
    const f = fitWoe(t, { target: 'y', specialValues: { x: [-1] } });
    const x = f.columns[0] as WoeNumericColumn;
    const labels = x.bins.map((b) => b.label);
    expect(labels.slice(-2)).toEqual(['= -1', 'Missing']);
    expect(x.bins[x.bins.length - 2]!.count).toBe(40);
    expect(x.bins[x.bins.length - 1]!.count).toBe(27);
    const c = f.columns[1]!;
    expect(c.type).toBe('categorical');
    expect(c.type === 'categorical' && c.groups.some((g) => g.length === 1 && g[0] === 'a')).toBe(true);
    expect(woeBinsOfRow(f, { x: -1, c: 'a' })).toEqual({ x: x.bins.length - 2, c: expect.any(Number) });
    const applied = applyWoe(f, t).columns[0] as NumericColumn;
    expect(applied.values[0]).toBe(x.bins[x.bins.length - 2]!.woe);
  });

  it('selects features by IV and drops the weaker of two correlated ones', async () => {
    const t = await readCsv(sharedDataset('german_credit.csv'));
    const f = fitWoe(t, { target: 'creditability' });
    const woe = applyWoe(f, t);
    const { selected, dropped } = selectFeatures(woe, informationValues(f), {
      minIv: 0.02,
      maxCorrelation: 0.45,
    });
    expect(selected[0]).toBe('status_of_existing_checking_account');
    expect(dropped.filter((d) => d.reason === 'low-iv').map((d) => d.name)).toContain('foreign_worker');
    const corr = dropped.find((d) => d.reason === 'correlated');
    expect(corr).toMatchObject({
      name: 'credit_amount',
      with: 'duration_in_month',
      correlation: expect.closeTo(0.49, 2),
    });
    expect(selected).not.toContain('credit_amount');
  });
});
