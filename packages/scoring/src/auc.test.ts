import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, gini } from './auc';

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../reference/sklearn_reference.json'), 'utf8'),
) as Record<string, { auc: number; yTest: number[]; proba: number[] }>;

function pairwiseAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++)
    for (let j = 0; j < y.length; j++)
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
  return wins / pairs;
}

describe('auc', () => {
  for (const name of ['german_credit', 'taiwan_default']) {
    it(`gives sklearn's roc_auc_score on sklearn's own held-out probabilities (${name})`, () => {
      const ref = reference[name]!;
      expect(auc(ref.yTest, ref.proba)).toBeCloseTo(ref.auc, 12);
      expect(ref.auc).toBeGreaterThan(0.7);
    });
  }

  it('equals the pairwise definition with ties counted one half (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const y = rows.map((r) => r[0]);
          const s = rows.map((r) => r[1]);
          fc.pre(y.includes(0) && y.includes(1));
          expect(auc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
        },
      ),
    );
  });

  it('gini = 2·AUC − 1, and inputs are checked', () => {
    expect(gini([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.5, 12);
    expect(() => auc([0, 1], [0.2])).toThrow(expect.objectContaining({ code: 'METRIC_LENGTH_MISMATCH' }));
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(expect.objectContaining({ code: 'METRIC_ONE_CLASS' }));
    expect(() => auc([0, 2], [0.2, 0.3])).toThrow(
      expect.objectContaining({ code: 'METRIC_LABEL_NOT_BINARY' }),
    );
    expect(() => auc([0, 1], [NaN, 0.3])).toThrow(
      expect.objectContaining({ code: 'METRIC_SCORE_NOT_FINITE' }),
    );
  });
});
