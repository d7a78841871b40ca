import { binaryTarget, readCsv, stratifiedSplit, tableRow, takeRows } from '@studio/data';
import { isStudioError } from '@studio/ir';
import { auc, scoreFromProbability } from '@studio/scoring';
import { describe, expect, it } from 'vitest';
import { assertRunnable } from '../plan/plan-graph';
import { loadScoringArtifacts, scoreRow, scoreRows, scoreWithProbability } from '../score/score-row';
import { graphOf } from '../templates/graph-of';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { executePlan, type ExecuteResult } from './execute-plan';

const file = sharedDataset('german_credit.csv');
const target = 'creditability';

function gbmGraph(params: Record<string, unknown> = {}) {
  return graphOf(
    'gbm',
    [
      ['dataset', 'dataset', { datasetId: file, target }],
      ['split', 'split', { testFraction: 0.3, method: 'stratified', seed: 42 }],
      ['gbm', 'gradient-boosting', { trees: 80, maxLeaves: 15, ...params }],
      ['evaluate', 'evaluate'],
    ],
    [
      ['dataset.table', 'split.table'],
      ['split.train', 'gbm.table'],
      ['gbm.model', 'evaluate.model'],
      ['split.test', 'evaluate.table'],
    ],
  );
}

async function heldOutRecords() {
  const table = await readCsv(file);
  const y = binaryTarget(table, target);
  const { test } = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
  const rows = takeRows(table, test);
  const records = Array.from({ length: rows.rowCount }, (_, i) => {
    const record = tableRow(rows, i);
    delete record[target];
    return record;
  });
  return { records, y: Array.from(test, (i) => y[i]!) };
}

describe('a Gradient Boosting branch', () => {
  let result: ExecuteResult;

  it('trains with early stopping on held-out training rows, evaluates, and reports importance', async () => {
    const progress: (number | null)[] = [];
    result = await executePlan(
      assertRunnable(gbmGraph({ monotoneIncreasing: ['duration_in_month'], earlyStopping: 'auc' })),
      { loadDataset: loadByPath, onProgress: (p) => progress.push(p.valAuc) },
    );
    expect(result.modelKind).toBe('gbm');
    expect(result.artifacts.map((a) => a.kind)).toEqual(['transforms', 'weights', 'metrics']);
    const ev = result.evaluations[0]!;
    expect(ev.modelKind).toBe('gbm');
    expect(ev.evaluation.auc).toBeGreaterThan(0.72);
    expect(result.history.length).toBeGreaterThan(3);
    expect(result.history.every((h) => h.valAuc !== null && h.valLoss !== null)).toBe(true);
    expect(result.history.every((h) => h.nodeId === 'gbm' && h.modelKind === 'gbm')).toBe(true);
    expect(progress.some((v) => v !== null)).toBe(true);
    const importance = ev.importance!;
    expect(importance.length).toBeGreaterThan(20);
    expect(importance.map((i) => i.gain)).toEqual([...importance.map((i) => i.gain)].sort((a, b) => b - a));
    expect(importance[0]!.meanAbsShap).toBeGreaterThan(0);
    // One-hot indicators name the raw column they came from.
    const housing = importance.filter((i) => i.source === 'housing');
    expect(housing.length).toBeGreaterThan(1);
    expect(housing.every((i) => i.feature.startsWith('housing='))).toBe(true);
  }, 120_000);

  it('scores records one by one and in a batch with identical answers: probability, PDO score, reasons', async () => {
    const artifacts = loadScoringArtifacts({
      transforms: result.artifacts.find((a) => a.kind === 'transforms')!.bytes,
      weights: result.artifacts.find((a) => a.kind === 'weights')!.bytes,
    });
    try {
      const { records, y } = await heldOutRecords();
      const single = records.map((r) => scoreRow(artifacts, r));
      const batch = await scoreRows(artifacts, records);
      expect(batch).toEqual(single);
      expect(
        auc(
          y,
          single.map((s) => s.probability),
        ),
      ).toBeCloseTo(result.evaluation!.auc, 9);
      for (const s of single) {
        // Whole points, as for every model kind: the PDO score of the probability, rounded.
        expect(Number.isInteger(s.score)).toBe(true);
        expect(
          Math.abs(s.score - scoreFromProbability(s.probability, { pdo: 20, baseScore: 600, baseOdds: 50 })),
        ).toBeLessThanOrEqual(0.5 + 1e-6);
        expect(s.reasons.length).toBeLessThanOrEqual(4);
        for (const r of s.reasons) {
          expect(r.points).toBeGreaterThan(0);
          expect(r.characteristic).not.toContain('=');
        }
      }
      const worst = single.reduce((a, b) => (b.probability > a.probability ? b : a));
      expect(worst.reasons.length).toBeGreaterThan(0);
      // A record with gaps is scored: the trees send missing values their learned way.
      // Reasons need the SHAP values: a probability from elsewhere cannot be turned into them.
      expect(() => scoreWithProbability(artifacts.pipeline, records[0]!, 0.5)).toThrow(/engine model/);
      const gappy = { ...records[0]!, credit_amount: null, housing: null };
      expect(scoreRow(artifacts, gappy).probability).toBeGreaterThan(0);
    } finally {
      artifacts.model.dispose();
    }
  }, 120_000);

  it('refuses a monotone constraint on a text column, pinned to the node', async () => {
    const e = await executePlan(assertRunnable(gbmGraph({ monotoneDecreasing: ['housing'] })), {
      loadDataset: loadByPath,
    }).catch((x: unknown) => x);
    expect(isStudioError(e) && e.code).toBe('GBM_MONOTONE_COLUMN');
    expect(isStudioError(e) && e.details?.nodeId).toBe('gbm');
  });

  it('stops with ENGINE_CANCELLED when the signal aborts mid-training', async () => {
    const abort = new AbortController();
    const run = executePlan(assertRunnable(gbmGraph({ trees: 2000, earlyStopping: 'none' })), {
      loadDataset: loadByPath,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.epoch !== null && p.epoch >= 1) abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ENGINE_CANCELLED' });
  });
});
