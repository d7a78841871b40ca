import {
  applyImpute,
  applyOneHot,
  fitImpute,
  fitOneHot,
  fitStandardize,
  mulberry32,
  useColumnKernels,
  type DataWarning,
  type Table,
} from '@studio/data';
import { afterEach, describe, expect, it } from 'vitest';
import { columnKernels, hasTransformKernels, newColumn, newMatrix, packColumns } from './index';

const native = columnKernels!;

/** Runs `fn` with the TypeScript passes, then with the native kernels registered. */
function both<T>(fn: () => T): { ts: T; native: T } {
  useColumnKernels(null);
  const ts = fn();
  useColumnKernels(native);
  try {
    return { ts, native: fn() };
  } finally {
    useColumnKernels(null);
  }
}

afterEach(() => useColumnKernels(null));

/**
 * The bits of each double (so −0 and 0 compare apart); every NaN as one NaN (a NaN's sign bit is not kept
 * through a JavaScript number returned by the addon, and nothing reads it).
 */
const bits = (v: ArrayLike<number>) => [
  ...new BigUint64Array(Float64Array.from(v, (x) => (Number.isNaN(x) ? NaN : x)).buffer),
];

/**
 * A numeric column of `kind`: wide values, a few distinct ones (discrete), signed zeros mixed with small
 * values, a constant, infinities among ordinary values; gaps at rate `gaps`.
 */
function column(rows: number, kind: number, gaps: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: rows }, () => {
    if (r() < gaps) return NaN;
    switch (kind) {
      case 0:
        return (r() - 0.3) * 1e5;
      case 1:
        return Math.floor(5 * r());
      case 2:
        return r() < 0.5 ? (r() < 0.5 ? -0 : 0) : r() < 0.5 ? 1e-300 : -2;
      case 3:
        return 7.25;
      default:
        return r() < 0.01 ? (r() < 0.5 ? Infinity : -Infinity) : r();
    }
  });
}

describe('native transform kernels', () => {
  it('are in the loaded addon (rebuild native/ when this fails)', () => {
    expect(hasTransformKernels).toBe(true);
  });

  const sizes = [1, 2, 7, 1000, 65_535, 65_536, 70_001, 150_000];
  it.each(sizes)('%i rows: median fills (plain and scaled) and standardisation, the same doubles', (rows) => {
    for (let kind = 0; kind < 5; kind++) {
      for (const gaps of [0, 0.2]) {
        const values = column(rows, kind, gaps, rows * 10 + kind);
        if (values.every((v) => Number.isNaN(v))) values[0] = -0;
        const table: Table = { rowCount: rows, columns: [{ name: 'x', type: 'numeric', values }] };
        const fits = both(() => {
          const std = fitStandardize(table).columns[0]!;
          const scaled = new Map([['x', { mean: 0.5, scale: 3 }]]);
          return [
            std.mean,
            std.scale,
            fitImpute(table, { columns: ['x'] }).columns[0]!.fill as number,
            fitImpute(table, { columns: ['x'] }, scaled).columns[0]!.fill as number,
          ];
        });
        expect(bits(fits.native)).toEqual(bits(fits.ts));
      }
    }
  });

  it('a median of signed zeros has the sign a sort gives it, as the TypeScript path', () => {
    for (const rows of [5, 6, 99, 70_000, 70_001]) {
      for (let seed = 0; seed < 6; seed++) {
        const r = mulberry32(seed);
        const values = Float64Array.from({ length: rows }, () => (r() < 0.5 ? -0 : 0));
        const table: Table = { rowCount: rows, columns: [{ name: 'x', type: 'numeric', values }] };
        const fits = both(() => fitImpute(table, { columns: ['x'] }).columns[0]!.fill as number);
        expect(Object.is(fits.native, fits.ts)).toBe(true);
      }
    }
  });

  it('a column without values is the same user error; a non-finite scaling the same invariant', () => {
    const table: Table = {
      rowCount: 3,
      columns: [{ name: 'x', type: 'numeric', values: new Float64Array(3).fill(NaN) }],
    };
    for (const kernels of [null, native]) {
      useColumnKernels(kernels);
      expect(() => fitImpute(table, { columns: ['x'] })).toThrow(/no values to take a median/);
      expect(() => fitImpute(table, { columns: ['x'] }, new Map([['x', { mean: 0, scale: 0 }]]))).toThrow(
        /no values to take a median/,
      );
      const some: Table = {
        rowCount: 2,
        columns: [{ name: 'x', type: 'numeric', values: Float64Array.of(1, NaN) }],
      };
      expect(() =>
        fitImpute(some, { columns: ['x'] }, new Map([['x', { mean: 0, scale: Infinity }]])),
      ).toThrow(/finite mean and scale/);
    }
  });

  it('imputation and one-hot encoding applied: the same columns, flags, counts and unseen warnings', () => {
    for (const rows of [1, 500, 100_000]) {
      const r = mulberry32(rows + 3);
      const a = column(rows, 0, 0.1, rows + 1);
      a[0] = 4;
      const table: Table = {
        rowCount: rows,
        columns: [
          { name: 'a', type: 'numeric', values: a },
          { name: 'b', type: 'numeric', values: column(rows, 2, 0, rows + 2) },
          {
            name: 'c',
            type: 'categorical',
            codes: Int32Array.from({ length: rows }, () => (r() < 0.1 ? -1 : Math.floor(4 * r()))),
            levels: ['p', 'q', 'r', 's'],
          },
        ],
      };
      const out = both(() => {
        const warnings: DataWarning[] = [];
        const imp = fitImpute(table, { columns: ['a', 'b', 'c'], indicator: true, categorical: 'mode' });
        const filled = applyImpute(imp, table);
        // Categories fitted on the first half only: the rest may be unseen.
        const half: Table = {
          ...table,
          columns: table.columns.map((c) =>
            c.type === 'categorical' ? { ...c, codes: c.codes.map((k) => (k === 3 ? 0 : k)) } : c,
          ),
        };
        const hot = fitOneHot(half, { maxCategories: 2 });
        const encoded = applyOneHot(hot, table, warnings);
        return {
          imp,
          hot,
          warnings,
          filled: filled.columns.map((c) => (c.type === 'categorical' ? [...c.codes] : bits(c.values))),
          encoded: encoded.columns.map((c) => (c.type === 'categorical' ? [...c.codes] : bits(c.values))),
          std: fitStandardize(encoded).columns,
        };
      });
      expect(out.native).toEqual(out.ts);
    }
  });

  it('packColumns writes each cell as the TypeScript loop does, and refuses a code outside its table', () => {
    const rows = 10_000;
    const a = column(rows, 2, 0.2, 9);
    const b = column(rows, 0, 0.2, 10);
    const codes = Int32Array.from({ length: rows }, (_, i) => (i % 5) - 1);
    const byCode = Float64Array.of(0, 1, 0, 0, NaN);
    const X = newMatrix(rows * 3);
    const gap = packColumns(
      X,
      rows,
      [
        { values: a, fillA: -0, mean: 0, scale: 1, fillB: NaN },
        { values: b, fillA: NaN, mean: 12.5, scale: 0.3, fillB: 2 },
        { codes, byCode },
      ],
      64,
    );
    const want = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) {
      want[i * 3] = a[i] !== a[i] ? -0 : a[i]!;
      const v = (b[i]! - 12.5) / 0.3;
      want[i * 3 + 1] = v !== v ? 2 : v;
      want[i * 3 + 2] = byCode[codes[i]! + 1]!;
    }
    expect(gap).toBe(true);
    expect(new Uint8Array(X.buffer)).toEqual(new Uint8Array(want.buffer));
    codes[77] = 4;
    expect(() =>
      packColumns(
        X,
        rows,
        [
          { codes, byCode },
          { codes, byCode },
          { codes, byCode },
        ],
        2048,
      ),
    ).toThrow(/outside/);
  });

  it('newMatrix and newColumn are zero-filled arrays of the asked length, large or small', () => {
    for (const n of [0, 3, 1 << 20]) {
      const m = newMatrix(n);
      const c = newColumn(n);
      expect([m.length, c.length]).toEqual([n, n]);
      expect(m.every((v) => v === 0) && c.every((v) => Object.is(v, 0))).toBe(true);
      if (n > 0) {
        m[n - 1] = 1.5;
        c[n - 1] = 2.5;
        expect([m[n - 1], c[n - 1]]).toEqual([1.5, 2.5]);
      }
    }
  });
});
