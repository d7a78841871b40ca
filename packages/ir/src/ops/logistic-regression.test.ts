import { expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../testing/infer-op';

it('fits a trained logistic model from a labelled table', () => {
  expect(inferOp('logistic-regression', { table: loans })).toEqual({
    ok: true,
    outputs: { model: { type: 'model', family: 'logistic', trained: true, quantized: false } },
  });
  expect(inferOp('logistic-regression', { table: unlabelled })).toMatchObject({ ok: false });
});

it('takes an L1 penalty with the lbfgs solver only', () => {
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0.5 })).toMatchObject({ ok: true });
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0.5, solver: 'newton' })).toMatchObject({
    ok: false,
    message: expect.stringContaining('lbfgs') as unknown as string,
  });
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0, solver: 'newton' })).toMatchObject({
    ok: true,
  });
});
