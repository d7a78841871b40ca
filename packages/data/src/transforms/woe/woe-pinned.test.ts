import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../csv/read-csv';
import { sharedDataset } from '../../test-support/temp-csv';
import { countByRange, rangeIndex, woeByRange } from './numeric-bins';
import { applyWoe, fitWoe } from './woe-binning';
import { woeFixture } from './woe-fixture';

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, 'woe-pinned.json'), 'utf8')) as {
  results: Record<string, unknown>;
};

/** The same fingerprint of applied WOE columns as the script that wrote woe-pinned.json. */
function fingerprint(values: Float64Array): number {
  let h = 0;
  for (let i = 0; i < values.length; i++) h = (h * 31 + ((values[i]! * 1e6) | 0)) | 0;
  return h;
}

describe('WOE binning is pinned: same bins, WOE values and IV as before the lookup-table binning', () => {
  it.each([
    [5000, 11],
    [70000, 3],
  ])(
    'woeFixture(%i, %i), every trend, special codes',
    (rows, seed) => {
      const t = woeFixture(rows, seed);
      for (const monotonic of ['auto', 'ascending', 'none'] as const) {
        const f = fitWoe(t, { target: 'target', monotonic, specialValues: { special: [-1, 999] } });
        const applied = applyWoe(f, woeFixture(3000, seed + 100));
        const sums = applied.columns.map((c) => [
          c.name,
          c.type === 'categorical' ? 0 : fingerprint(c.values),
        ]);
        // Through JSON, as written: exact doubles for cuts, WOE and IV (±Infinity become null on both sides).
        expect(JSON.parse(JSON.stringify({ fitted: f, applied: sums }))).toEqual(
          pinned.results[`${rows}/${seed}/${monotonic}`],
        );
      }
    },
    60_000,
  );

  it('German credit', async () => {
    const g = await readCsv(sharedDataset('german_credit.csv'));
    expect(JSON.parse(JSON.stringify(fitWoe(g, { target: 'creditability' })))).toEqual(pinned.results.german);
  }, 60_000);
});

describe('lookup-table range bins agree with rangeIndex (property)', () => {
  const value = fc.oneof(
    fc.double({ noNaN: true }),
    fc.integer({ min: -20, max: 20 }),
    fc.constantFrom(Infinity, -Infinity, 0, -0, 1e300, -1e300, 5e-324),
  );
  it('countByRange counts every value in rangeIndex’s bin; woeByRange looks up rangeIndex’s WOE', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 12 }),
        fc.array(value, { minLength: 1, maxLength: 400 }),
        fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }),
        (rawCuts, xs, flags) => {
          const cuts = Float64Array.from([...new Set(rawCuts.map((c) => c + 0))].sort((a, b) => a - b));
          // Values at and next to the cuts (ties are where a table would go wrong).
          const values = Float64Array.from([...xs, ...cuts, ...Array.from(cuts, (c) => c * (1 + 1e-15))]);
          const y = Uint8Array.from(values, (_, i) => (flags[i % flags.length] ? 1 : 0));
          const { goods, bads } = countByRange(values, y, cuts);
          const eg = new Float64Array(cuts.length + 1);
          const eb = new Float64Array(cuts.length + 1);
          values.forEach((v, i) => (y[i] ? eb : eg)[rangeIndex(cuts, v)]!++);
          expect([...goods]).toEqual([...eg]);
          expect([...bads]).toEqual([...eb]);
          const woe = Float64Array.from({ length: cuts.length + 2 }, (_, j) => j * 1.5 - 2);
          const withGaps = Float64Array.from([...values, NaN]);
          const out = new Float64Array(withGaps.length);
          woeByRange(withGaps, cuts, woe, out);
          expect([...out]).toEqual([
            ...Array.from(values, (v) => woe[rangeIndex(cuts, v)]!),
            woe[cuts.length + 1]!,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('holds on a wide grid of values around 19 quantile-like cuts (the table path with ties)', () => {
    const cuts = Float64Array.from({ length: 19 }, (_, j) => 18 + j * 3);
    const values = Float64Array.from({ length: 20_000 }, (_, i) => 10 + ((i * 7919) % 8000) / 100);
    const y = Uint8Array.from(values, (_, i) => (i % 5 === 0 ? 1 : 0));
    const { goods, bads } = countByRange(values, y, cuts);
    const eg = new Float64Array(20);
    const eb = new Float64Array(20);
    values.forEach((v, i) => (y[i] ? eb : eg)[rangeIndex(cuts, v)]!++);
    expect([...goods]).toEqual([...eg]);
    expect([...bads]).toEqual([...eb]);
  });
});
