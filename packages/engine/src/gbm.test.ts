import { binaryTarget, dropColumns, readCsv, stratifiedSplit, takeRows, type Table } from '@studio/data';
import { describe, expect, it } from 'vitest';
import { sharedDataset } from '@studio/test-support';
import {
  BadTargetError,
  CorruptModelError,
  EmptyDatasetError,
  GBM_DEFAULTS,
  InvalidEngineInputError,
  loadGbm,
  ModelDisposedError,
  ShapeMismatchError,
  SingleClassError,
  TrainingCancelledError,
  trainGbm,
  type GbmOptions,
  type GbmTreesDump,
} from './index';
import { auc, rng } from './test-fixtures';

const TAIWAN = sharedDataset('taiwan_default.csv');
const TARGET = 'default.payment.next.month';

const COLS = 5;

/** x0 raises the risk, x1 lowers it, x2 is U-shaped, x3 has 15% missing, x4 is a category code 0..5. */
function makeData(rows: number, seed: number): { x: Float32Array; y: Float32Array; rows: number } {
  const r = rng(seed);
  const catEffect = [-1.0, 0.8, 0.0, 1.5, -0.4, 0.3];
  const x = new Float32Array(rows * COLS);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = [r() * 4 - 2, r() * 4 - 2, r() * 4 - 2, r() * 4 - 2, Math.floor(r() * 6)];
    let z = -0.5 + 1.2 * v[0]! - 0.9 * v[1]! + 0.6 * (v[2]! * v[2]! - 1.3) + catEffect[v[4]!]!;
    if (r() < 0.15) v[3] = NaN;
    else z += 0.5 * v[3]!;
    x.set(v, i * COLS);
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y, rows };
}

const small: GbmOptions = {
  ...GBM_DEFAULTS,
  trees: 20,
  maxLeaves: 8,
  minSamplesLeaf: 5,
  learningRate: 0.3,
  categorical: [false, false, false, false, true],
  seed: 7,
  threads: 2,
};

/** The split value a tree compares: the raw value, or a category's rank (NaN when missing/unseen). */
function splitValue(d: GbmTreesDump, f: number, v: number): number {
  const feat = d.features[f]!;
  if (feat.kind === 'numeric') return Math.max(-3.4028234663852886e38, Math.min(3.4028234663852886e38, v));
  if (!Number.isInteger(v) || v < 0 || v >= feat.rank.length) return NaN;
  const rank = feat.rank[v]!;
  return rank < 0 ? NaN : rank;
}

/** E[f(x) | x_S] with the path-dependent (cover-weighted) expectation, straight from the dump. */
function condExpectation(d: GbmTreesDump, row: Float32Array, subset: number): number {
  let s = d.baseScore;
  for (const t of d.trees) {
    const walk = (n: number): number => {
      if (t.left[n]! < 0) return t.value[n]!;
      const f = t.feature[n]!;
      if (subset & (1 << f)) {
        const v = splitValue(d, f, row[f]!);
        const left = Number.isNaN(v) ? t.defaultLeft[n]! : v <= t.threshold[n]!;
        return walk(left ? t.left[n]! : t.right[n]!);
      }
      const l = t.left[n]!;
      const r = t.right[n]!;
      return (t.cover[l]! / t.cover[n]!) * walk(l) + (t.cover[r]! / t.cover[n]!) * walk(r);
    };
    s += walk(0);
  }
  return s;
}

function bruteShap(d: GbmTreesDump, row: Float32Array): number[] {
  const m = d.cols;
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * i);
  const phi = new Array<number>(m + 1).fill(0);
  for (let i = 0; i < m; i++)
    for (let s = 0; s < 1 << m; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let b = s; b; b >>= 1) size += b & 1;
      const w = (fact[size]! * fact[m - size - 1]!) / fact[m]!;
      phi[i]! += w * (condExpectation(d, row, s | (1 << i)) - condExpectation(d, row, s));
    }
  phi[m] = condExpectation(d, row, 0);
  return phi;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

function sync(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('gradient-boosted trees', () => {
  it('reaches held-out AUC >= 0.775 on Taiwan credit (70/30 stratified, seed 42; 100 trees, 31 leaves, lr 0.1)', async () => {
    const table = await readCsv(TAIWAN);
    const y = binaryTarget(table, TARGET);
    const split = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
    const raw = dropColumns(table, ['ID', TARGET]);
    const features = (t: Table): Float32Array => {
      const cols = t.columns.map((c) => (c.type === 'categorical' ? Float64Array.from(c.codes) : c.values));
      const x = new Float32Array(t.rowCount * cols.length);
      for (let i = 0; i < t.rowCount; i++)
        for (let j = 0; j < cols.length; j++) x[i * cols.length + j] = cols[j]![i]!;
      return x;
    };
    const cols = raw.columns.length;
    const xtr = features(takeRows(raw, split.train));
    const xte = features(takeRows(raw, split.test));
    const ytr = Float32Array.from(split.train, (i) => y[i]!);
    const yte = Float32Array.from(split.test, (i) => y[i]!);
    const model = await trainGbm({
      x: xtr,
      rows: split.train.length,
      cols,
      y: ytr,
      options: { ...GBM_DEFAULTS, seed: 1, threads: 2 },
    });
    const raw1 = await model.predictRaw(xte, split.test.length);
    const a = auc(raw1, yte);
    console.log(`taiwan GBM held-out AUC ${a.toFixed(5)} (${model.trees} trees)`);
    expect(model.trees).toBe(100);
    expect(a).toBeGreaterThanOrEqual(0.775);
    model.dispose();
  }, 120_000);

  it('gives TreeSHAP values that sum to the raw score and match a brute-force Shapley computation', async () => {
    const d = makeData(2000, 4);
    const model = await trainGbm({
      ...d,
      cols: COLS,
      options: { ...small, trees: 5, maxLeaves: 10, maxDepth: 5 },
    });
    const dump = model.dump();
    expect(dump.format).toBe('studio-gbm-trees');
    expect(dump.trees).toHaveLength(5);
    const probe = makeData(30, 9);
    probe.x[3] = NaN;
    probe.x[4] = 17; // an unseen category
    const batch = await model.shap(probe.x, probe.rows);
    const raws = await model.predictRaw(probe.x, probe.rows);
    const out = new Float64Array(COLS + 1);
    for (let r = 0; r < probe.rows; r++) {
      const row = probe.x.subarray(r * COLS, (r + 1) * COLS);
      const one = model.shapOne(row);
      expect(Array.from(one)).toEqual(Array.from(batch.subarray(r * (COLS + 1), (r + 1) * (COLS + 1))));
      const sum = one.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - raws[r]!)).toBeLessThan(1e-6);
      expect(model.predictRawOne(row)).toBe(raws[r]);
      // The serving path: one call, the caller's buffer reused, the same numbers.
      const explained = model.explainOne(row, out);
      expect(explained.shap).toBe(out);
      expect(explained.raw).toBe(raws[r]);
      expect(Array.from(out)).toEqual(Array.from(one));
      const ref = bruteShap(dump, row);
      for (let j = 0; j <= COLS; j++) expect(Math.abs(ref[j]! - one[j]!)).toBeLessThan(1e-9);
    }
    expect(one0(batch)).toBeCloseTo(model.expectedValue, 12);
    model.dispose();
    function one0(b: Float64Array): number {
      return b[COLS]!;
    }
  });

  it('enforces monotone constraints on a grid over every constrained feature', async () => {
    const d = makeData(3000, 3);
    const monotone = [1, -1, 1, -1, 0];
    const model = await trainGbm({
      ...d,
      cols: COLS,
      options: { ...small, trees: 40, maxLeaves: 16, monotone },
    });
    const dump = model.dump();
    let checks = 0;
    for (let f = 0; f < 4; ++f) {
      const grid = [-5, 5];
      for (let k = 0; k <= 60; k++) grid.push(-2 + (4 * k) / 60);
      for (const t of dump.trees)
        t.feature.forEach((ft, n) => {
          if (ft === f && t.left[n]! >= 0) grid.push(t.threshold[n]!, t.threshold[n]! + 1e-4);
        });
      grid.sort((a, b) => a - b);
      for (let r = 0; r < 25; r++) {
        const row = d.x.slice(r * COLS, (r + 1) * COLS);
        let prev = monotone[f]! > 0 ? -Infinity : Infinity;
        for (const g of grid) {
          row[f] = g;
          const s = model.predictRawOne(row);
          if (monotone[f]! > 0) expect(s).toBeGreaterThanOrEqual(prev);
          else expect(s).toBeLessThanOrEqual(prev);
          prev = s;
          checks++;
        }
      }
    }
    expect(checks).toBeGreaterThan(4000);
    model.dispose();
  });

  it('finds the split gain a plain reference computes for a stump', async () => {
    const r = rng(5);
    const n = 300;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = Math.floor(r() * 10);
      y[i] = r() < (x[i]! > 5 ? 0.7 : 0.3) ? 1 : 0;
    }
    const l2 = 2;
    const model = await trainGbm({
      x,
      y,
      rows: n,
      cols: 1,
      options: {
        ...GBM_DEFAULTS,
        trees: 1,
        maxLeaves: 2,
        minSamplesLeaf: 1,
        minHessianLeaf: 0,
        learningRate: 1,
        l2,
      },
    });
    const pos = y.reduce((s, v) => s + v, 0);
    const p = pos / n;
    const g = Array.from(y, (v) => Math.fround(p - v));
    const h = Math.fround(p * (1 - p));
    const score = (G: number, H: number) => (G * G) / (H + l2);
    const G = g.reduce((s, v) => s + v, 0);
    let best = -Infinity;
    for (let t = 0; t < 9; t++) {
      let gl = 0;
      let hl = 0;
      for (let i = 0; i < n; i++)
        if (x[i]! <= t) {
          gl += g[i]!;
          hl += h;
        }
      best = Math.max(best, score(gl, hl) + score(G - gl, n * h - hl) - score(G, n * h));
    }
    const imp = model.importance();
    expect(imp.splits[0]).toBe(1);
    expect(imp.gain[0]).toBeCloseTo(best, 9);
    model.dispose();
  });

  it('is deterministic for a seed and a thread count, and round-trips through save/load', async () => {
    const d = makeData(20000, 5);
    const opts = { ...small, rowSubsample: 0.7, colSubsample: 0.6, trees: 8 };
    const a = await trainGbm({ ...d, cols: COLS, options: opts });
    const b = await trainGbm({ ...d, cols: COLS, options: opts });
    const bytes = a.save();
    expect(Buffer.from(b.save()).equals(Buffer.from(bytes))).toBe(true);
    const c = await trainGbm({ ...d, cols: COLS, options: { ...opts, seed: 8 } });
    expect(Buffer.from(c.save()).equals(Buffer.from(bytes))).toBe(false);
    const loaded = loadGbm(bytes);
    expect(loaded.trees).toBe(a.trees);
    expect(loaded.bestIteration).toBe(a.bestIteration);
    expect(loaded.history.map((h) => h.trainLoss)).toEqual(a.history.map((h) => h.trainLoss));
    const head = d.x.subarray(0, 500 * COLS);
    expect(Array.from(await loaded.predictRaw(head, 500))).toEqual(Array.from(await a.predictRaw(head, 500)));
    expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
    const bad = bytes.slice();
    const mid = bad.length >> 1;
    bad[mid] = bad[mid]! ^ 0x20;
    expect(sync(() => loadGbm(bad))).toBeInstanceOf(CorruptModelError);
    expect(sync(() => loadGbm(bytes.subarray(0, 12)))).toBeInstanceOf(CorruptModelError);
    for (const m of [a, b, c, loaded]) m.dispose();
    expect(sync(() => a.save())).toBeInstanceOf(ModelDisposedError);
  });

  it('reports progress and stops on abort with TrainingCancelledError', async () => {
    const d = makeData(3000, 7);
    const controller = new AbortController();
    const seen: number[] = [];
    const e = await rejection(
      trainGbm({
        ...d,
        cols: COLS,
        options: { ...small, trees: 2000 },
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.trees);
          if (p.trees === 3) controller.abort();
        },
      }),
    );
    expect(e).toBeInstanceOf(TrainingCancelledError);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
    expect(seen.length).toBeLessThan(2000);
  });

  it('stops early on the validation set and keeps the best iteration', async () => {
    const d = makeData(1500, 8);
    const v = makeData(1500, 9);
    for (const metric of ['logloss', 'auc'] as const) {
      const model = await trainGbm({
        ...d,
        cols: COLS,
        valid: v,
        options: {
          ...small,
          trees: 400,
          learningRate: 0.8,
          maxLeaves: 31,
          minSamplesLeaf: 1,
          earlyStopping: { metric, patience: 6 },
        },
      });
      expect(model.history.length).toBeLessThan(400);
      expect(model.trees).toBe(model.bestIteration);
      expect(model.history.length).toBe(model.bestIteration + 6);
      const key = metric === 'auc' ? 'validAuc' : 'validLoss';
      const values = model.history.map((h) => h[key]!);
      const best = metric === 'auc' ? Math.max(...values) : Math.min(...values);
      expect(model.history[values.indexOf(best)]!.trees).toBe(model.bestIteration);
      const raw = await model.predictRaw(v.x, v.rows);
      if (metric === 'auc') expect(auc(raw, v.y)).toBeCloseTo(best, 6);
      model.dispose();
    }
  });

  it('rejects bad input with typed errors', async () => {
    const d = makeData(200, 11);
    const train = (over: Partial<Parameters<typeof trainGbm>[0]>, opts: Partial<GbmOptions> = {}) =>
      rejection(trainGbm({ ...d, cols: COLS, ...over, options: { ...small, ...opts } }));
    const nanY = d.y.slice();
    nanY[17] = NaN;
    const e1 = await train({ y: nanY });
    expect(e1).toBeInstanceOf(BadTargetError);
    expect((e1 as BadTargetError).row).toBe(17);
    expect(await train({ y: new Float32Array(200).fill(1) })).toBeInstanceOf(SingleClassError);
    expect(await train({ x: new Float32Array(0), y: new Float32Array(0), rows: 0 })).toBeInstanceOf(
      EmptyDatasetError,
    );
    const many = makeData(300, 12);
    for (let i = 0; i < 300; i++) many.x[i * COLS + 4] = i;
    const e2 = await train(many);
    expect(e2).toBeInstanceOf(InvalidEngineInputError);
    expect((e2 as InvalidEngineInputError).code).toBe('ENGINE_BAD_INPUT');
    expect((e2 as InvalidEngineInputError).message).toMatch(/300 distinct categories/);
    for (const bad of [
      { learningRate: 0 },
      { learningRate: -1 },
      { trees: 0 },
      { monotone: [0, 0, 0, 0, 1] },
    ]) {
      const e = await train({}, bad);
      expect(e).toBeInstanceOf(InvalidEngineInputError);
      expect((e as InvalidEngineInputError).code).toBe('ENGINE_BAD_OPTION');
    }
    expect(await train({ rows: 199 })).toBeInstanceOf(ShapeMismatchError);
    expect(await train({ y: new Float32Array(10) })).toBeInstanceOf(ShapeMismatchError);
    expect(await train({}, { monotone: [1, 0] })).toBeInstanceOf(ShapeMismatchError);
    expect(
      await train({ valid: { x: new Float32Array(7), y: new Float32Array(2), rows: 2 } }),
    ).toBeInstanceOf(ShapeMismatchError);
    const model = await trainGbm({ ...d, cols: COLS, options: { ...small, trees: 2 } });
    expect(sync(() => model.predictRawOne(new Float32Array(3)))).toBeInstanceOf(ShapeMismatchError);
    expect(sync(() => model.explainOne(new Float32Array(COLS), new Float64Array(COLS)))).toBeInstanceOf(
      ShapeMismatchError,
    );
    expect(await rejection(model.shap(new Float32Array(7), 2))).toBeInstanceOf(ShapeMismatchError);
    model.dispose();
    expect(sync(() => model.shapOne(new Float32Array(COLS)))).toBeInstanceOf(ModelDisposedError);
  });
});
