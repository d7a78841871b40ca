import { expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';

it('sizes the feature tensor from chosen or known columns, and emits [batch, 1] labels', () => {
  expect(inferOp('encode', { table: loans })).toEqual({
    ok: true,
    outputs: {
      features: { type: 'tensor', dtype: 'float32', shape: [null, 3] },
      labels: { type: 'tensor', dtype: 'float32', shape: [null, 1] },
    },
  });
  expect(inferOp('encode', { table: loans }, { columns: ['age'] })).toMatchObject({
    outputs: { features: { shape: [null, 1] } },
  });
  expect(inferOp('encode', { table: { type: 'table', target: 'default' } })).toMatchObject({
    outputs: { features: { shape: [null, null] } },
  });
});

it('needs a target and at least one feature', () => {
  expect(inferOp('encode', { table: unlabelled })).toMatchObject({ ok: false });
  expect(
    inferOp('encode', { table: { type: 'table', columns: ['default'], target: 'default' } }),
  ).toMatchObject({
    ok: false,
    message: expect.stringMatching(/no feature columns/),
  });
});
