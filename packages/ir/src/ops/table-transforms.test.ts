import { describe, expect, it } from 'vitest';
import { inferOp, loans } from '../test-support/infer-op';

describe('table transforms', () => {
  it('keep or extend the column list as they should', () => {
    expect(inferOp('standardize', { table: loans })).toEqual({ ok: true, outputs: { table: loans } });
    expect(inferOp('impute', { table: loans }, { columns: ['age'], addIndicator: true })).toMatchObject({
      outputs: { table: { columns: [...(loans.columns ?? []), 'age_missing'], target: 'default' } },
    });
    expect(inferOp('one-hot', { table: loans }, { columns: ['region'] })).toEqual({
      ok: true,
      outputs: { table: { type: 'table', target: 'default' } },
    });
  });

  it('refuse the target and unknown columns', () => {
    for (const op of ['impute', 'one-hot', 'standardize']) {
      expect(inferOp(op, { table: loans }, { columns: ['default'] })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/target column "default"/),
      });
      expect(inferOp(op, { table: loans }, { columns: ['ghost'] })).toMatchObject({
        ok: false,
        message: expect.stringMatching(/"ghost", not in the incoming table/),
      });
    }
  });
});
