import { describe, expect, it } from 'vitest';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';
import { parseCutoff } from './split';

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

describe('split: out-of-time', () => {
  it('needs a date column and a cut-off that parses', () => {
    expect(inferOp('split', { table: loans }, { method: 'out-of-time', cutoff: '2019-01-01' })).toMatchObject(
      {
        ok: false,
        message: expect.stringMatching(/date column/),
      },
    );
    expect(inferOp('split', { table: loans }, { method: 'out-of-time', timeColumn: 'age' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cut-off/),
    });
    expect(
      inferOp('split', { table: loans }, { method: 'out-of-time', timeColumn: 'age', cutoff: '2019-01-01' }),
    ).toMatchObject({ ok: true });
    expect(
      inferOp('split', { table: loans }, { method: 'out-of-time', timeColumn: 'nope', cutoff: '40' }),
    ).toMatchObject({ ok: false });
  });

  it('reads cut-offs as @studio/data reads dates', () => {
    expect(parseCutoff('2019-01-01')).toEqual({ value: Date.UTC(2019, 0, 1), kind: 'date' });
    expect(parseCutoff('2019-01-01 12:30')).toEqual({ value: Date.UTC(2019, 0, 1, 12, 30), kind: 'date' });
    expect(parseCutoff('2019-01-01T00:00+01:00')).toEqual({
      value: Date.UTC(2018, 11, 31, 23),
      kind: 'date',
    });
    expect(parseCutoff('40.5')).toEqual({ value: 40.5, kind: 'number' });
    expect(parseCutoff('')).toBeNull();
    expect(parseCutoff('1st of May')).toBeNull();
    expect(parseCutoff('2019-13-45')).toBeNull();
  });
});
