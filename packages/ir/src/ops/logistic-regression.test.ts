import { expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';
import { logisticRegressionOp, resolveLogisticSolver } from './logistic-regression';

it('fits a trained logistic model from a labelled table', () => {
  expect(inferOp('logistic-regression', { table: loans })).toEqual({
    ok: true,
    outputs: { model: { type: 'model', family: 'logistic', trained: true, quantized: false } },
  });
  expect(inferOp('logistic-regression', { table: unlabelled })).toMatchObject({ ok: false });
});

it('takes an L1 penalty with the auto and lbfgs solvers, not newton', () => {
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0.5 })).toMatchObject({ ok: true });
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0.5, solver: 'lbfgs' })).toMatchObject({
    ok: true,
  });
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0.5, solver: 'newton' })).toMatchObject({
    ok: false,
    message: expect.stringContaining('auto or lbfgs') as unknown as string,
  });
  expect(inferOp('logistic-regression', { table: loans }, { l1: 0, solver: 'newton' })).toMatchObject({
    ok: true,
  });
});

it("defaults to 'auto', which runs Newton unless an L1 penalty is set", () => {
  const solver = logisticRegressionOp.fields.find((f) => f.name === 'solver');
  expect(solver).toMatchObject({ default: 'auto', options: ['auto', 'newton', 'lbfgs'] });
  expect(resolveLogisticSolver('auto', 0)).toEqual({ optimizer: 'newton', reason: 'no L1 penalty set' });
  expect(resolveLogisticSolver('auto', 0.1)).toMatchObject({ optimizer: 'lbfgs' });
  expect(resolveLogisticSolver('newton', 0)).toMatchObject({ optimizer: 'newton' });
  expect(resolveLogisticSolver('lbfgs', 0)).toMatchObject({ optimizer: 'lbfgs' });
  expect(resolveLogisticSolver('lbfgs', 2)).toMatchObject({ optimizer: 'lbfgs' });
});
