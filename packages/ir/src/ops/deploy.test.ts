import { describe, expect, it } from 'vitest';
import { getOp } from '../catalogue';
import { checkParams } from '../params';
import type { ModelValue } from '../port-values';
import { inferOp, loans } from '../test-support/infer-op';

const net: ModelValue = { type: 'model', family: 'network', trained: true, quantized: false };

describe('quantize', () => {
  it('quantizes a trained model once', () => {
    expect(inferOp('quantize', { model: net, calibration: loans })).toEqual({
      ok: true,
      outputs: { model: { ...net, quantized: true } },
    });
    expect(inferOp('quantize', { model: { ...net, quantized: true }, calibration: loans })).toMatchObject({
      ok: false,
    });
    expect(inferOp('quantize', { model: { ...net, trained: false }, calibration: loans })).toMatchObject({
      ok: false,
    });
  });
});

describe('deploy', () => {
  it('publishes a trained model, with any number of metrics', () => {
    const metrics = { type: 'metrics' as const };
    expect(inferOp('deploy', { model: net, metrics: [metrics, metrics] }, { slug: 'pd' })).toEqual({
      ok: true,
      outputs: { endpoint: { type: 'artifact' } },
    });
    expect(inferOp('deploy', { model: { ...net, trained: false } }, { slug: 'pd' })).toMatchObject({
      ok: false,
    });
  });

  it('accepts URL-safe slugs only', () => {
    const ok = (slug: string) => checkParams(getOp('deploy').params, { slug }, []).ok;
    expect(ok('retail-pd-2')).toBe(true);
    for (const bad of ['', 'Retail', '-pd', 'pd-', 'a b', 'x'.repeat(64)]) expect(ok(bad)).toBe(false);
    const r = checkParams(getOp('deploy').params, { slug: 'Retail PD' }, []);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        name: 'slug',
        message:
          'param slug: use up to 63 lowercase letters, digits and "-", starting and ending with a letter or digit (got "Retail PD")',
      },
    ]);
  });
});
