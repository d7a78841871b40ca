import { applyPipeline, dropColumns, fitOneHot, type Table } from '@studio/data';
import { GBM_DEFAULTS, trainGbm } from '@studio/engine';
import { describe, expect, it } from 'vitest';
import {
  features,
  germanCredit,
  oneHotPipeline,
  rawColumns,
  rawFeeds,
  TARGET,
  withGaps,
} from '../test-support/german-credit';
import { maxAbsDiff, runOnnx } from '../test-support/run-onnx';
import { exportTreesOnnx } from './export-trees-onnx';
import { float32AtOrBelow } from './lower-trees';
import { randomDump, rng } from './test-trees';
import { treesRaw, type TreesDump } from './tree-dump';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Raw scores of every row of a row-major float32 matrix by the plain evaluator. */
function reference(dump: TreesDump, X: Float32Array, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = treesRaw(dump, X.subarray(i * dump.cols, (i + 1) * dump.cols));
  return out;
}

describe('float32AtOrBelow', () => {
  it('gives the largest float32 not above the value', () => {
    for (const t of [0.1, -0.1, 1 / 3, -1 / 3, 1e-45, -1e-45, 2.5, 0, 1e30]) {
      const f = float32AtOrBelow(t);
      expect(f).toBeLessThanOrEqual(t);
      expect(Math.fround(f)).toBe(f);
      const up = new Float32Array([f]);
      const bits = new Int32Array(up.buffer);
      bits[0]! += f >= 0 && !Object.is(f, -0) ? 1 : -1;
      if (f !== 0) expect(up[0]!).toBeGreaterThan(t);
    }
  });
});

describe('TreeEnsembleClassifier export of a tree dump', () => {
  it('is one ai.onnx.ml TreeEnsembleClassifier, exact when every vote is positive or every vote negative', async () => {
    for (const sign of [1, -1]) {
      const dump = randomDump([{ kind: 'numeric' }, { kind: 'numeric' }], 30, 4, 21);
      for (const t of dump.trees)
        t.value = t.value.map((v, i) => (t.left[i] === -1 ? sign * (Math.abs(v) + 0.01) : 0));
      const bytes = exportTreesOnnx({
        columns: [
          { name: 'a', type: 'numeric' },
          { name: 'b', type: 'numeric' },
        ],
        transforms: [],
        trees: dump,
      });
      const text = new TextDecoder('latin1').decode(bytes);
      expect(text).toContain('TreeEnsembleClassifier');
      expect(text).not.toContain('TreeEnsembleRegressor');
      const r = rng(9);
      const rows = 1000;
      const X = Float32Array.from({ length: rows * 2 }, () => (r() < 0.1 ? NaN : r() * 4 - 2));
      const out = await runOnnx(bytes, {
        a: Float32Array.from({ length: rows }, (_, i) => X[i * 2]!),
        b: Float32Array.from({ length: rows }, (_, i) => X[i * 2 + 1]!),
      });
      const want = reference(dump, X, rows);
      expect(maxAbsDiff(out.logit, want)).toBeLessThan(1e-5);
      expect(maxAbsDiff(out.probability, Array.from(want, sigmoid))).toBeLessThan(1e-5);
    }
  });

  it('matches the plain evaluator on 1,000 rows with NaN, threshold edges and unknown codes', async () => {
    const dump = randomDump(
      [
        { kind: 'numeric' },
        { kind: 'numeric' },
        { kind: 'categorical', rank: [2, 0, -1, 1] },
        { kind: 'numeric' },
      ],
      60,
      5,
      11,
    );
    const thresholds = dump.trees.flatMap((t) =>
      t.threshold.filter((_, i) => t.left[i] !== -1 && t.feature[i] !== 2),
    );
    const r = rng(3);
    const rows = 1000;
    const X = new Float32Array(rows * 4);
    for (let i = 0; i < rows; i++) {
      for (const j of [0, 1, 3]) {
        const u = r();
        // Values on either side of a threshold's float32 neighbours are where a rounded threshold would differ.
        const t = thresholds[Math.floor(r() * thresholds.length)]!;
        X[i * 4 + j] =
          u < 0.1 ? NaN : u < 0.4 ? Math.fround(t) : u < 0.55 ? float32AtOrBelow(t) : r() * 4 - 2;
      }
      const c = r();
      X[i * 4 + 2] = c < 0.1 ? NaN : c < 0.15 ? 7 : c < 0.2 ? 1.5 : Math.floor(r() * 4);
    }
    const columns = ['a', 'b', 'grade', 'c'].map((name) => ({ name, type: 'numeric' as const }));
    const bytes = exportTreesOnnx({ columns, transforms: [], trees: dump });
    const feeds = Object.fromEntries(
      columns.map((c, j) => [c.name, Float32Array.from({ length: rows }, (_, i) => X[i * 4 + j]!)]),
    );
    const out = await runOnnx(bytes, feeds);
    const want = reference(dump, X, rows);
    expect(maxAbsDiff(out.logit, want)).toBeLessThan(1e-5);
    expect(maxAbsDiff(out.probability, Array.from(want, sigmoid))).toBeLessThan(1e-5);
  });

  it('lowers the preprocessing: raw German credit rows with gaps and unseen categories', async () => {
    const { table } = await germanCredit();
    const transforms = oneHotPipeline(table);
    const columns = rawColumns(table);
    const scored: Table = withGaps(table);
    const test = features(applyPipeline(transforms, scored));
    const kinds: TreesDump['features'] = test.names.map(() => ({ kind: 'numeric' }));
    const dump = randomDump(kinds, 40, 6, 5);
    const bytes = exportTreesOnnx({ columns, transforms, features: test.names, trees: dump });
    const out = await runOnnx(bytes, rawFeeds(scored, columns));
    expect(out.logit).toHaveLength(1000);
    expect(maxAbsDiff(out.logit, reference(dump, test.X, 1000))).toBeLessThan(1e-5);
    expect(dropColumns(table, [TARGET]).columns.length).toBe(columns.length);
  });

  it('matches the native engine within 1e-5 on 1,000 raw rows: one-hot text, NaN left to the trees', async () => {
    const { table, y } = await germanCredit();
    const transforms = [fitOneHot(dropColumns(table, [TARGET]))];
    const columns = rawColumns(table);
    const train = features(applyPipeline(transforms, table));
    const model = await trainGbm({
      x: train.X,
      rows: table.rowCount,
      cols: train.names.length,
      y: Float32Array.from(y),
      options: {
        ...GBM_DEFAULTS,
        trees: 120,
        maxLeaves: 15,
        monotone: train.names.map((n) => (n === 'duration_in_month' ? 1 : 0)),
      },
    });
    try {
      const scored = withGaps(table);
      const test = features(applyPipeline(transforms, scored));
      const native = await model.predictRaw(test.X, scored.rowCount);
      const bytes = exportTreesOnnx({ columns, transforms, features: train.names, trees: model.dump() });
      const out = await runOnnx(bytes, rawFeeds(scored, columns));
      expect(out.logit).toHaveLength(1000);
      const diff = maxAbsDiff(out.probability, Array.from(native, sigmoid));
      console.log(`gbm: max |p_onnx - p_engine| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-5);
      expect(maxAbsDiff(out.logit, native)).toBeLessThan(1e-4);
      expect(maxAbsDiff(reference(model.dump(), test.X, 1000), native)).toBeLessThan(1e-9);
    } finally {
      model.dispose();
    }
  });

  it('matches the native engine on categorical codes split by rank, unseen codes and NaN included', async () => {
    const { table, y } = await germanCredit();
    const names = ['purpose', 'credit_history', 'duration_in_month', 'age_in_years'];
    const codeOf = (t: Table, name: string, i: number) => {
      const c = t.columns.find((x) => x.name === name)!;
      if (c.type !== 'categorical') return c.values[i]!;
      // withGaps adds a level never seen in training: its code lies beyond the trees' rank table.
      return c.codes[i]! < 0 ? NaN : c.codes[i]!;
    };
    const matrix = (t: Table) =>
      Float32Array.from({ length: t.rowCount * names.length }, (_, a) =>
        codeOf(t, names[a % names.length]!, Math.floor(a / names.length)),
      );
    const X = matrix(table);
    const model = await trainGbm({
      x: X,
      rows: table.rowCount,
      cols: names.length,
      y: Float32Array.from(y),
      options: { ...GBM_DEFAULTS, trees: 60, maxLeaves: 15, categorical: [true, true, false, false] },
    });
    try {
      const dump = model.dump();
      expect(dump.features[0]!.kind).toBe('categorical');
      const scored = withGaps(table);
      const T = matrix(scored);
      const native = await model.predictRaw(T, scored.rowCount);
      const columns = names.map((name) => ({ name, type: 'numeric' as const }));
      const feeds = Object.fromEntries(
        names.map((n, j) => [
          n,
          Float32Array.from({ length: scored.rowCount }, (_, i) => T[i * names.length + j]!),
        ]),
      );
      const out = await runOnnx(exportTreesOnnx({ columns, transforms: [], trees: dump }), feeds);
      expect(maxAbsDiff(out.probability, Array.from(native, sigmoid))).toBeLessThan(1e-5);
      expect(maxAbsDiff(reference(dump, T, scored.rowCount), native)).toBeLessThan(1e-9);
    } finally {
      model.dispose();
    }
  });

  it('refuses a dump whose feature count differs from the transforms', () => {
    const dump = randomDump([{ kind: 'numeric' }], 2, 2, 1);
    expect(() =>
      exportTreesOnnx({
        columns: [
          { name: 'a', type: 'numeric' },
          { name: 'b', type: 'numeric' },
        ],
        transforms: [],
        trees: dump,
      }),
    ).toThrow(/read 1 features but the transforms give 2/);
  });

  it('refuses a malformed dump with a typed error', () => {
    const dump = randomDump([{ kind: 'numeric' }], 1, 2, 1);
    dump.trees[0]!.left[0] = 99;
    expect(() =>
      exportTreesOnnx({ columns: [{ name: 'a', type: 'numeric' }], transforms: [], trees: dump }),
    ).toThrow(expect.objectContaining({ code: 'TREES_DUMP_INVALID' }) as unknown as Error);
  });
});
