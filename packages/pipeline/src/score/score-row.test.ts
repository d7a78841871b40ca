import { describe, expect, it } from 'vitest';
import { binaryTarget, readCsv, stratifiedSplit, tableRow, takeRows } from '@studio/data';
import { auc, scoreFromProbability } from '@studio/scoring';
import { executePlan } from '../execute/execute-plan';
import { assertRunnable } from '../plan/plan-graph';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import { loadScoringArtifacts, scoreRow, scoreWithProbability } from './score-row';

const file = sharedDataset('german_credit.csv');
const target = 'creditability';

describe('scoreRow', () => {
  it('scores held-out records one by one as the batch evaluation did, with points that match the probability', async () => {
    const graph = findTemplate('woe-scorecard')!.build(file, target);
    const card = graph.nodes.find((n) => n.op === 'scorecard')!;
    card.params = { ...card.params, rounding: 'none' };
    const result = await executePlan(assertRunnable(graph), { loadDataset: loadByPath });
    const artifacts = loadScoringArtifacts({
      transforms: result.artifacts.find((a) => a.kind === 'transforms')!.bytes,
      weights: result.artifacts.find((a) => a.kind === 'weights')!.bytes,
    });
    try {
      const table = await readCsv(file);
      const y = binaryTarget(table, target);
      const { test } = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
      const rows = takeRows(table, test);
      const records = Array.from({ length: rows.rowCount }, (_, i) => {
        const record = tableRow(rows, i);
        delete record[target];
        return record;
      });
      const scored = records.map((r) => scoreRow(artifacts, r));
      // The ONNX runtime's path: the same points and reasons from the probability it computed.
      records.forEach((r, i) => {
        const { score, reasons } = scored[i]!;
        expect(scoreWithProbability(artifacts.pipeline, r, scored[i]!.probability)).toEqual({
          score,
          reasons,
        });
      });
      const prob = scored.map((s) => s.probability);
      expect(
        auc(
          Array.from(test, (i) => y[i]!),
          prob,
        ),
      ).toBeCloseTo(result.evaluation!.auc, 6);
      for (const s of scored) {
        expect(s.score).toBeCloseTo(
          scoreFromProbability(s.probability, { pdo: 20, baseScore: 600, baseOdds: 50 }),
          2,
        );
        expect(s.flags).toEqual([]);
      }
      const worst = scored.reduce((a, b) => (b.probability > a.probability ? b : a));
      expect(worst.reasons.length).toBeGreaterThan(0);
      expect(worst.reasons[0]!.points).toBeGreaterThan(0);
    } finally {
      artifacts.model.dispose();
    }
  });
});
