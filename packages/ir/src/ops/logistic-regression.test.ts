import { expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../testing/infer-op';

it('fits a trained logistic model from a labelled table', () => {
  expect(inferOp('logistic-regression', { table: loans })).toEqual({
    ok: true,
    outputs: { model: { type: 'model', family: 'logistic', trained: true, quantized: false } },
  });
  expect(inferOp('logistic-regression', { table: unlabelled })).toMatchObject({ ok: false });
});
