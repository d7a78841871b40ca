import { describe, expect, it } from 'vitest';
import { modelCurves } from './model-curves';

const p = (step: number, nodeId?: string, modelKind?: 'mlp' | 'gbm') => ({
  step,
  epoch: step,
  loss: 0.5,
  valLoss: null,
  valAuc: null,
  ...(nodeId ? { nodeId } : {}),
  ...(modelKind ? { modelKind } : {}),
});

describe('modelCurves', () => {
  it('splits a run history into one curve per model, labelled, trees for boosted models', () => {
    const curves = modelCurves([p(1, 'nn', 'mlp'), p(2, 'nn', 'mlp'), p(1, 'gbm', 'gbm')], {
      gbm: 'GBM challenger',
    });
    expect(curves.map((c) => [c.nodeId, c.label, c.byTrees, c.points.length])).toEqual([
      ['nn', 'nn', false, 2],
      ['gbm', 'GBM challenger', true, 1],
    ]);
  });

  it('keeps old unnamed points as one curve', () => {
    expect(modelCurves([p(1), p(2)]).map((c) => [c.label, c.points.length])).toEqual([['Model', 2]]);
  });
});
