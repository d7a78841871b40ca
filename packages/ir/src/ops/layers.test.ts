import { describe, expect, it } from 'vitest';
import { inferOp, matrix } from '../test-support/infer-op';

describe('layers', () => {
  it('dense maps [batch, n] to [batch, units]', () => {
    expect(inferOp('dense', { input: matrix(7) }, { units: 4 })).toEqual({
      ok: true,
      outputs: { output: matrix(4) },
    });
  });

  it('element-wise layers keep the shape', () => {
    for (const op of ['activation', 'dropout', 'layer-norm', 'batch-norm']) {
      expect(inferOp(op, { input: matrix(5) })).toEqual({ ok: true, outputs: { output: matrix(5) } });
    }
  });

  it('refuse tensors that are not [batch, features] float32', () => {
    const scalar = { type: 'tensor' as const, dtype: 'float32' as const, shape: [] };
    const ints = { type: 'tensor' as const, dtype: 'int64' as const, shape: [null, 3] };
    expect(inferOp('dense', { input: scalar })).toMatchObject({
      ok: false,
      port: 'input',
      message: expect.stringMatching(/\[\]/),
    });
    expect(inferOp('activation', { input: ints })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/int64/),
    });
  });
});
