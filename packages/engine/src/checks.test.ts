import {
  allDistinct,
  binaryTarget,
  checksFixture,
  columnWarnings,
  dataWarnings,
  mulberry32,
  randomSplit,
  stratifiedSplit,
  readCsv,
  scanAucBounds,
  scanCategories,
  scanValues,
  singleColumnAuc,
  tallyAuc,
  tallyValues,
  takeBytes,
  takeRows,
  topCountAtLeast,
  useCheckKernels,
  type CategoricalColumn,
  type CheckOptions,
  type Table,
} from '@studio/data';
import { sharedDataset } from '@studio/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKernels } from './index';

afterEach(() => useCheckKernels(null));

/** `f` run with the TypeScript loops, then with the native kernels registered. */
function both<T>(f: () => T): [T, T] {
  useCheckKernels(null);
  const ts = f();
  useCheckKernels(checkKernels);
  const native = f();
  useCheckKernels(null);
  return [ts, native];
}

/** Exactly the same value, −0 told from +0 and NaN equal to NaN (Object.is), through objects and arrays. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b))
    return (
      a.constructor === b.constructor && same(Array.from(a as Float64Array), Array.from(b as Float64Array))
    );
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

/**
 * Random numeric columns of `n` rows with the cases the checks branch on: NaN, −0 beside +0, ties, all missing,
 * constant (with and without gaps), sequences, unique integers, ±∞, ±1e308, subnormals, near-constant columns.
 */
function columns(n: number, seed: number): [string, Float64Array][] {
  const r = mulberry32(seed);
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  return [
    ['floats with gaps', col(() => (r() < 0.1 ? NaN : r() * 200 - 100))],
    ['signed zeros', col(() => (r() < 0.5 ? -0 : r() < 0.5 ? 0 : r() < 0.5 ? NaN : 1))],
    ['starts with -0', col((i) => (i === 0 ? -0 : i % 3 === 0 ? 0 : -0))],
    ['ties', col(() => Math.floor(r() * 7) - 3)],
    ['all missing', col(() => NaN)],
    ['constant', col(() => 4.5)],
    ['constant with gaps', col(() => (r() < 0.3 ? NaN : -2))],
    ['sequence', col((i) => i + 1)],
    ['descending', col((i) => n - i * 0.5)],
    ['sequence with one gap', col((i) => (i === n >> 1 ? NaN : i))],
    ['unique shuffled', col((i) => perm[i]! * 3)],
    ['unique but one repeat', col((i) => (i === n - 1 ? perm[0]! : perm[i]!))],
    ['infinities', col(() => (r() < 0.1 ? Infinity : r() < 0.1 ? -Infinity : Math.round(r() * 50)))],
    ['huge range', col(() => (r() < 0.5 ? -1e308 : 1e308) * r())],
    ['±1e308 only', col(() => (r() < 0.5 ? -1e308 : 1e308))],
    ['subnormals', col(() => Math.floor(r() * 5) * 5e-324)],
    ['near-constant 99%', col((i) => (i % 100 === 0 ? 1 : 0))],
    ['near-constant, no majority', col((i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : r()))],
    ['fractions', col(() => Math.round(r() * 40) / 8)],
  ];
}

/** Outcomes: random, none bad, all bad, and one a column separates. */
function outcomes(n: number, values: Float64Array, seed: number): [string, Uint8Array][] {
  const r = mulberry32(seed);
  return [
    ['random', Uint8Array.from({ length: n }, () => (r() < 0.2 ? 1 : 0))],
    ['no bads', new Uint8Array(n)],
    ['all bad', new Uint8Array(n).fill(1)],
    ['by value', Uint8Array.from(values, (v) => (v > 0 ? 1 : 0))],
  ];
}

describe('native column kernels of the dataset checks (native/src/checks)', () => {
  it('are in the loaded addon (rebuild native/ when this fails)', () => {
    expect(checkKernels).not.toBeNull();
  });

  it.each([
    [1, 11],
    [2, 12],
    [37, 13],
    [1500, 14],
    [9000, 15],
  ])('%i rows (seed %i): every scan, bound, count and AUC is the TypeScript one', (n, seed) => {
    for (const [name, values] of columns(n, seed)) {
      for (const [yName, y] of [['no outcomes', undefined] as const, ...outcomes(n, values, seed + 1)]) {
        const what = `${name} / ${yName}`;
        const [ts, native] = both(() => {
          const s = scanValues(values, y);
          return {
            scan: s,
            bounds: y && s.filled > 0 ? scanAucBounds(values, y, s) : null,
            bounds16: y && s.filled > 0 ? scanAucBounds(values, y, s, 16) : null,
            top99: s.filled > 0 ? topCountAtLeast(values, s, 0.99) : null,
            top0: s.filled > 0 ? topCountAtLeast(values, s, 0) : null,
            distinct: s.filled > 0 ? allDistinct(values, s) : null,
            auc: y ? singleColumnAuc({ name: 'x', type: 'numeric', values }, y) : null,
          };
        });
        expect(same(ts, native), what).toBe(true);
        if (y)
          expect(Object.is(checkKernels!.tallyAuc(values, y), tallyAuc(tallyValues(values, y))), what).toBe(
            true,
          );
        expect(checkKernels!.topCount(values), what).toBe(tallyValues(values).topCount);
      }
    }
  });

  it('counts categories by outcome as the TypeScript pass does, missing and unused levels included', () => {
    const r = mulberry32(5);
    for (const n of [0, 1, 50, 4000]) {
      const levels = ['a', 'b', 'c', 'd', 'e'];
      const c: CategoricalColumn = {
        name: 'c',
        type: 'categorical',
        levels,
        codes: Int32Array.from({ length: n }, () => (r() < 0.1 ? -1 : Math.floor(r() * 4))),
      };
      const y = Uint8Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
      for (const yy of [y, undefined]) {
        const [ts, native] = both(() => scanCategories(c, yy));
        expect(same(ts, native)).toBe(true);
      }
    }
  });

  it('gathers rows as takeRows does, and refuses an index outside the column', () => {
    const table = checksFixture(3000, 4);
    const r = mulberry32(8);
    const index = Int32Array.from({ length: 2000 }, () => Math.floor(r() * 3000));
    const y = Uint8Array.from({ length: 3000 }, () => (r() < 0.5 ? 1 : 0));
    const [ts, native] = both(() => ({ t: takeRows(table, index), y: takeBytes(y, index) }));
    expect(same(ts, native)).toBe(true);
    expect(native.t.rowCount).toBe(2000);
    // No rows, no columns, and a large side (huge-page memory): the same as the TypeScript copy.
    for (const at of [new Int32Array(0), Int32Array.from({ length: 60_000 }, () => Math.floor(r() * 3000))]) {
      const [a, b] = both(() => takeRows(table, at));
      expect(same(a, b)).toBe(true);
    }
    const [e1, e2] = both(() => takeRows({ rowCount: 3000, columns: [] }, index));
    expect(same(e1, e2)).toBe(true);
    expect(() =>
      checkKernels!.gatherColumns([new Float64Array(3), new Int32Array(2)], Int32Array.of(2)),
    ).toThrow(/out of range/);
    expect(() =>
      checkKernels!.gatherRows(new Float64Array(3), Int32Array.of(0, 3), new Float64Array(2)),
    ).toThrow(/out of range/);
    expect(() =>
      checkKernels!.gatherRows(new Float64Array(3), Int32Array.of(-1), new Float64Array(1)),
    ).toThrow(/out of range/);
  });

  it.each([0, 42, -7, 2_000_000_001])('splits rows as the TypeScript shuffle does (seed %i)', (seed) => {
    const r = mulberry32(seed + 3);
    for (const n of [20, 301, 5000]) {
      const y = Uint8Array.from({ length: n }, () => (r() < 0.25 ? 1 : 0));
      y[0] = 1;
      y[1] = 0;
      for (const testFraction of [0.3, 0.5]) {
        const [ts, native] = both(() => ({
          stratified: stratifiedSplit(y, { testFraction, seed, minRows: 1 }),
          random: randomSplit(n, { testFraction, seed, minRows: 1 }),
        }));
        expect(same(ts, native)).toBe(true);
      }
    }
  });

  it('refuses the same splits with the same errors, and leaves other outcomes on the training side', () => {
    const attempt = (y: Uint8Array, testFraction: number, minRows?: number) => {
      try {
        return stratifiedSplit(y, { testFraction, seed: 9, ...(minRows === undefined ? {} : { minRows }) });
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    const r = mulberry32(21);
    const other = Uint8Array.from({ length: 400 }, () => (r() < 0.1 ? 2 : r() < 0.3 ? 1 : 0));
    const oneBad = new Uint8Array(400);
    oneBad[5] = 1;
    for (const [y, f, minRows] of [
      [other, 0.3, undefined],
      [oneBad, 0.3, undefined],
      [oneBad, 0.9, undefined],
      [new Uint8Array(30).fill(1), 0.5, undefined],
      [other, 0.01, 10],
      [other, 0.5, 300],
    ] as const) {
      const [ts, native] = both(() => attempt(y, f, minRows));
      expect(same(ts, native)).toBe(true);
    }
  });

  it('reads a numeric target as the TypeScript pass does, its errors included', () => {
    const attempt = (values: Float64Array, badValue?: number) => {
      try {
        const table = { rowCount: values.length, columns: [{ name: 't', type: 'numeric' as const, values }] };
        return binaryTarget(table, 't', badValue);
      } catch (e) {
        return { error: (e as Error).message, details: (e as { details?: unknown }).details };
      }
    };
    const r = mulberry32(17);
    const cases: [Float64Array, number?][] = [
      [Float64Array.from({ length: 500 }, () => (r() < 0.3 ? 1 : 0))],
      [Float64Array.from({ length: 500 }, () => (r() < 0.3 ? 1 : -0))],
      [Float64Array.from({ length: 500 }, () => (r() < 0.3 ? 1 : r() < 0.01 ? NaN : 0))],
      [Float64Array.from({ length: 500 }, () => (r() < 0.3 ? 2 : 7)), 7],
      [Float64Array.from({ length: 500 }, () => (r() < 0.3 ? 2 : 7)), 3],
      [Float64Array.from({ length: 500 }, () => (r() < 0.5 ? 1 : 0)).fill(0, 0, 500)],
      [Float64Array.from({ length: 500 }, (_, i) => i % 3)],
      [Float64Array.from({ length: 500 }, (_, i) => (i * 37) % 80)],
      [Float64Array.from({ length: 500 }, (_, i) => (i < 250 ? -0 : i % 2))],
    ];
    for (const [values, bad] of cases) {
      const [ts, native] = both(() => attempt(values, bad));
      expect(same(ts, native)).toBe(true);
    }
  });

  it('gives the same data warnings on German credit, Taiwan and the checks fixture under every threshold set', async () => {
    const options: CheckOptions[] = [
      {},
      { nearConstant: 0.5, mostlyMissing: 0.05, minIdRows: 5, minClassRows: 3000 },
      { nearConstant: 0, mostlyMissing: 0, minIdRows: 0 },
      { nearConstant: 1, mostlyMissing: 1, minIdRows: 1_000_000 },
    ];
    const tables: [Table, string][] = [
      [await readCsv(sharedDataset('german_credit.csv')), 'creditability'],
      [await readCsv(sharedDataset('taiwan_default.csv')), 'default.payment.next.month'],
      [checksFixture(300, 1), 'target'],
      [checksFixture(40_000, 9), 'target'],
    ];
    for (const [table, target] of tables) {
      const y = binaryTarget(table, target);
      for (const opts of options) {
        const [ts, native] = both(() => ({
          with: dataWarnings(table, { name: target, y }, opts),
          without: dataWarnings(table, undefined, opts),
          columns: table.columns.map((c) => columnWarnings(c, table.rowCount, opts)),
        }));
        expect(native).toEqual(ts);
        expect(same(ts, native)).toBe(true);
      }
    }
  }, 120_000);
});
