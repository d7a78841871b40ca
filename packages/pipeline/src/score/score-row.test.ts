import { describe, expect, it } from 'vitest';
import { binaryTarget, readCsv, stratifiedSplit, tableRow, takeRows, type Row } from '@studio/data';
import { isStudioError } from '@studio/ir';
import { auc, scoreFromProbability } from '@studio/scoring';
import { executePlan } from '../execute/execute-plan';
import { assertRunnable } from '../plan/plan-graph';
import { findTemplate } from '../templates/templates';
import { loadByPath, sharedDataset } from '../test-support/graphs';
import {
  compileScorer,
  loadScoringArtifacts,
  scoreRow,
  scoreRows,
  scoreWithProbability,
  type ScoredRow,
} from './score-row';

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

/** Each record as is, then with each field missing, then each text field an unseen category. */
function variants(records: Row[]): Row[] {
  const out: Row[] = [];
  for (const [i, r] of records.entries()) {
    out.push(r);
    if (i % 10 !== 0) continue;
    for (const [name, v] of Object.entries(r)) {
      out.push({ ...r, [name]: null });
      if (typeof v === 'string') out.push({ ...r, [name]: 'atlantis' });
    }
  }
  return out;
}

/** The answer, or the refusal (code, message, details) when scoring throws. */
function outcome(score: () => ScoredRow): unknown {
  try {
    return score();
  } catch (e) {
    if (!isStudioError(e)) throw e;
    return { code: e.code, message: e.message, details: e.details };
  }
}

describe('compileScorer', () => {
  it.each([
    ['the WOE scorecard (points, reason codes, unseen categories in the Missing bin)', 'woe-scorecard'],
    ['the network (impute, one-hot refusing unseen categories, standardise)', 'neural-network-pd'],
  ])(
    'answers exactly as scoreRow on every record and variant: %s',
    async (_name, template) => {
      const graph = findTemplate(template)!.build(file, target);
      for (const n of graph.nodes) if (n.op === 'one-hot') n.params = { ...n.params, unseen: 'error' };
      const result = await executePlan(assertRunnable(graph), { loadDataset: loadByPath });
      const artifacts = loadScoringArtifacts({
        transforms: result.artifacts.find((a) => a.kind === 'transforms')!.bytes,
        weights: result.artifacts.find((a) => a.kind === 'weights')!.bytes,
      });
      try {
        const table = await readCsv(file);
        const records = Array.from({ length: table.rowCount }, (_, i) => {
          const r = tableRow(table, i);
          delete r[target];
          return r;
        });
        const compiled = compileScorer(artifacts);
        const all = variants(records);
        let refused = 0;
        let flagged = 0;
        let reasons = 0;
        for (const r of all) {
          const want = outcome(() => scoreRow(artifacts, r));
          expect(outcome(() => compiled(r))).toEqual(want);
          if (!('probability' in (want as object))) refused++;
          else {
            flagged += (want as ScoredRow).flags.length > 0 ? 1 : 0;
            reasons += (want as ScoredRow).reasons.length;
          }
        }
        // The variants reach the paths they are meant to: refusals or flags for unseen categories.
        expect(refused + flagged).toBeGreaterThan(0);
        // The batch path answers as scoreRow for every record it accepts (it refuses as scoreRow refuses).
        const accepted = all.filter(
          (r) => 'probability' in (outcome(() => scoreRow(artifacts, r)) as object),
        );
        expect(await scoreRows(artifacts, accepted)).toEqual(accepted.map((r) => scoreRow(artifacts, r)));
        if (template === 'woe-scorecard') expect(reasons).toBeGreaterThan(0);
      } finally {
        artifacts.model.dispose();
      }
    },
    180_000,
  );
});
