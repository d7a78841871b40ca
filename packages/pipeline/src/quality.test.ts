import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stratifiedSplit, binaryTarget, readCsv } from '@studio/data';
import { backendInfo, loadModel } from '@studio/engine';
import { assertRunnable } from './plan/plan-graph';
import { executePlan, type ExecuteResult } from './execute/execute-plan';
import { graphOf } from './templates/graph-of';
import { findTemplate } from './templates/templates';
import { loadByPath, sharedDataset } from './test-support/graphs';

interface Reference {
  target: string;
  seed: number;
  testFraction: number;
  categorical: string[];
  numeric: string[];
  testIndices: number[];
  auc: number;
}
const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../scoring/reference/sklearn_reference.json'), 'utf8'),
) as Record<'german_credit' | 'taiwan_default', Reference>;

const GERMAN = { file: sharedDataset('german_credit.csv'), target: 'creditability' };
const TAIWAN = { file: sharedDataset('taiwan_default.csv'), target: 'default.payment.next.month' };

/** The reference's columns only (the Taiwan reference leaves out the ID column), as a CSV of its own. */
function referenceCsv(file: string, ref: Reference): string {
  const keep = [...ref.categorical, ...ref.numeric, ref.target];
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
  if (header.length === keep.length) return file;
  const drop = header.findIndex((h) => !keep.includes(h));
  const out = lines
    .map((l) =>
      l
        .split(',')
        .filter((_, i) => i !== drop)
        .join(','),
    )
    .join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'pipeline-quality-')), 'reference.csv');
  writeFileSync(path, out + '\n');
  return path;
}

/** One-hot (text) + standardised (numeric) features into an unpenalised-but-for-C=1 logistic regression, as sklearn. */
function sklearnGraph(file: string, ref: Reference, lr: Record<string, unknown> = { l2: 1, maxIter: 100 }) {
  return graphOf(
    'sklearn twin',
    [
      ['dataset', 'dataset', { datasetId: file, target: ref.target }],
      ['split', 'split', { testFraction: ref.testFraction, seed: ref.seed, method: 'stratified' }],
      ['onehot', 'one-hot', { maxCategories: 1000 }],
      ['scale', 'standardize', { columns: ref.numeric }],
      ['lr', 'logistic-regression', lr],
      ['evaluate', 'evaluate'],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'onehot.table'],
      ['onehot.table', 'scale.table'],
      ['scale.table', 'lr.table'],
      ['lr.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
    ],
  );
}

async function run(graph: unknown): Promise<ExecuteResult> {
  return executePlan(assertRunnable(graph), { loadDataset: loadByPath });
}

describe('model quality on the shared credit datasets (stratified 70/30, seed 42)', () => {
  it.each([
    ['german_credit', GERMAN.file],
    ['taiwan_default', TAIWAN.file],
  ] as const)(
    'our LR on one-hot + standardised %s matches scikit-learn held-out AUC within 0.005',
    async (name, file) => {
      const ref = reference[name];
      const path = referenceCsv(file, ref);
      const table = await readCsv(path);
      const split = stratifiedSplit(binaryTarget(table, ref.target), {
        testFraction: ref.testFraction,
        seed: ref.seed,
      });
      expect(Array.from(split.test)).toEqual(ref.testIndices);
      const result = await run(sklearnGraph(path, ref));
      expect(result.evaluation!.rows).toBe(ref.testIndices.length);
      expect(Math.abs(result.evaluation!.auc - ref.auc)).toBeLessThan(0.005);
    },
  );

  it('an L1 penalty (auto solver: L-BFGS with OWL-QN) zeroes coefficients and keeps the AUC of the L2 fit', async () => {
    const ref = reference.german_credit;
    const path = referenceCsv(GERMAN.file, ref);
    const l2 = await run(sklearnGraph(path, ref));
    const l1 = await run(sklearnGraph(path, ref, { l2: 0, l1: 10, maxIter: 300 }));
    const inputs = (r: ExecuteResult) => {
      const model = loadModel(r.artifacts.find((a) => a.kind === 'weights')!.bytes);
      const n = model.spec.inputs;
      const at0 = model.predictOne(new Float32Array(n));
      // A coefficient is zero when a huge value of its input leaves the prediction at the intercept's.
      const zeros = Array.from({ length: n }, (_, j) => {
        const x = new Float32Array(n);
        x[j] = 1e6;
        return model.predictOne(x) === at0;
      }).filter(Boolean).length;
      model.dispose();
      return { n, zeros };
    };
    const dense = inputs(l2);
    const sparse = inputs(l1);
    expect(dense.zeros).toBe(0);
    expect(sparse.n).toBe(dense.n);
    expect(sparse.zeros).toBeGreaterThan(dense.n / 4);
    expect(sparse.zeros).toBeLessThan(dense.n);
    expect(l1.evaluation!.auc).toBeGreaterThan(l2.evaluation!.auc - 0.02);
    // Newton cannot fit an L1 penalty: the graph is rejected on the node before running.
    expect(() => assertRunnable(sklearnGraph(path, ref, { l1: 10, solver: 'newton' }))).toThrow(/lbfgs/);
  });

  it.each([
    ['german_credit.csv', GERMAN],
    ['taiwan_default.csv', TAIWAN],
  ])('the WOE scorecard template reaches AUC >= 0.76 on %s, with a scorecard', async (_name, ds) => {
    const result = await run(findTemplate('woe-scorecard')!.build(ds.file, ds.target));
    expect(result.evaluation!.auc).toBeGreaterThanOrEqual(0.76);
    expect(result.scorecard!.rows.length).toBeGreaterThan(4);
    expect(result.woe!.some((v) => v.selected)).toBe(true);
  });

  it('the neural-network template reaches AUC >= 0.76 on taiwan_default.csv and logs a learning curve', async () => {
    const result = await run(findTemplate('neural-network-pd')!.build(TAIWAN.file, TAIWAN.target));
    expect(result.modelKind).toBe('mlp');
    // 'auto' trains a neural network on CUDA only where a device is usable.
    expect(result.devices).toBe(backendInfo().cuda.devices > 0 ? 'cuda' : 'cpu');
    expect(result.evaluation!.auc).toBeGreaterThanOrEqual(0.76);
    expect(result.history.length).toBeGreaterThan(3);
  });

  it('a Gradient Boosting node with default settings reaches held-out AUC >= 0.775 on taiwan_default.csv', async () => {
    const result = await run(
      graphOf(
        'gbm',
        [
          ['dataset', 'dataset', { datasetId: TAIWAN.file, target: TAIWAN.target }],
          ['split', 'split', { testFraction: 0.3, seed: 42, method: 'stratified' }],
          ['gbm', 'gradient-boosting'],
          ['evaluate', 'evaluate'],
        ],
        [
          ['dataset.table', 'split.table'],
          ['split.train', 'gbm.table'],
          ['gbm.model', 'evaluate.model'],
          ['split.test', 'evaluate.table'],
        ],
      ),
    );
    expect(result.evaluation!.rows).toBe(9000);
    expect(result.evaluation!.auc).toBeGreaterThanOrEqual(0.775);
  });

  it('the same seed gives the same metrics twice (champion vs challenger on German credit)', async () => {
    const graph = findTemplate('champion-challenger')!.build(GERMAN.file, GERMAN.target);
    const [a, b] = [await run(graph), await run(graph)];
    expect(a.evaluations.map((e) => e.label)).toEqual(['Champion', 'Challenger', 'GBM challenger']);
    expect(b.evaluations).toEqual(a.evaluations);
    expect(b.scorecard).toEqual(a.scorecard);
    const weights = (r: ExecuteResult) =>
      r.artifacts.filter((x) => x.kind === 'weights').map((x) => Buffer.from(x.bytes).toString('hex'));
    expect(weights(b)).toEqual(weights(a));
  });
});
