import { describe, expect, it } from 'vitest';
import { evaluationSchema } from '@studio/api';
import { auc, confusionMatrix, gini } from '@studio/scoring';
import { buildEvaluation } from './evaluation';

describe('buildEvaluation', () => {
  const y = Array.from({ length: 500 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const prob = y.map((v, i) =>
    Math.min(0.99, Math.max(0.01, 0.25 + (v ? 0.2 : -0.05) + ((i * 37) % 100) / 400 - 0.12)),
  );

  it('fits the Evaluation DTO, with a ROC from (0,0) to (1,1) and confusion counts per cutoff', () => {
    const e = buildEvaluation(y, prob, 0.3);
    expect(evaluationSchema.parse(e)).toEqual(e);
    expect(e.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(e.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    expect(e.cutoffs).toHaveLength(101);
    for (const c of [0, 0.17, 0.3, 0.5, 0.99]) {
      const row = e.cutoffs.find((r) => Math.abs(r.cutoff - c) < 1e-9)!;
      const m = confusionMatrix(y, prob, c);
      expect([row.tp, row.fp, row.tn, row.fn]).toEqual([m.tp, m.fp, m.tn, m.fn]);
    }
    expect(e.bads).toBe(125);
    expect(e.gini).toBeCloseTo(2 * e.auc - 1, 12);
  });
});

describe('ROC points', () => {
  it('step through ties together and trace the same area as the AUC', () => {
    const y = [1, 0, 1, 0, 0, 1, 0, 0];
    const prob = [0.9, 0.9, 0.7, 0.5, 0.5, 0.3, 0.2, 0.1];
    const { roc, auc } = buildEvaluation(y, prob, 0.5);
    expect(roc.slice(0, 3)).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0.2, tpr: 1 / 3 },
      { fpr: 0.2, tpr: 2 / 3 },
    ]);
    const area = roc.slice(1).reduce((s, p, i) => s + ((p.fpr - roc[i]!.fpr) * (p.tpr + roc[i]!.tpr)) / 2, 0);
    expect(area).toBeCloseTo(auc, 12);
  });
});

describe('AUC from the sorted classes', () => {
  it('is exactly the rank-sum AUC of @studio/scoring, ties included', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [10, 997, 20000]) {
      const y = Array.from({ length: n }, () => (rand() < 0.2 ? 1 : 0));
      y[0] = 1;
      y[1] = 0;
      // Coarse probabilities, so many are tied within and across classes.
      const prob = y.map((v) => Math.round((0.3 * v + 0.7 * rand()) * 50) / 50);
      const e = buildEvaluation(y, prob, 0.5);
      expect(e.auc).toBe(auc(y, prob));
      expect(e.gini).toBe(gini(y, prob));
    }
  });
});
