import { describe, expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../testing/infer-op';

describe('split', () => {
  it('passes the table to both outputs', () => {
    expect(inferOp('split', { table: loans })).toEqual({ ok: true, outputs: { train: loans, test: loans } });
  });

  it('needs a time column for the time method and a column to stratify by', () => {
    expect(inferOp('split', { table: loans }, { method: 'time' })).toMatchObject({ ok: false });
    expect(inferOp('split', { table: loans }, { method: 'time', timeColumn: 'age' })).toMatchObject({
      ok: true,
    });
    expect(inferOp('split', { table: unlabelled })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/stratif/),
    });
    expect(inferOp('split', { table: unlabelled }, { method: 'random' })).toMatchObject({ ok: true });
  });

  it('checks named columns against a known schema', () => {
    expect(inferOp('split', { table: loans }, { stratify: 'nope' })).toMatchObject({ ok: false });
    expect(inferOp('split', { table: loans }, { stratify: 'default' })).toMatchObject({ ok: true });
  });
});
