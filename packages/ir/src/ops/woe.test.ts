import { describe, expect, it } from 'vitest';
import { getOp } from '../catalogue';
import { checkParams } from '../params';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';

describe('woe-binning and feature-selection', () => {
  it('need a target', () => {
    expect(inferOp('woe-binning', { table: unlabelled })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Target/),
    });
    expect(inferOp('feature-selection', { table: unlabelled })).toMatchObject({ ok: false });
    expect(inferOp('woe-binning', { table: loans })).toEqual({ ok: true, outputs: { table: loans } });
  });

  it('forget the column list after selection', () => {
    expect(inferOp('feature-selection', { table: loans })).toEqual({
      ok: true,
      outputs: { table: { type: 'table', target: 'default' } },
    });
  });

  it('accepts special values as a list of numbers only', () => {
    const spec = getOp('woe-binning');
    const ok = (specialValues: string) => checkParams(spec.params, { specialValues }, []).ok;
    expect(ok('-999, -1')).toBe(true);
    expect(ok('')).toBe(true);
    expect(ok('-999; x')).toBe(false);
  });
});
